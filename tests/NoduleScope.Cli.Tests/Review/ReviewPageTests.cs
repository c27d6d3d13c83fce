using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NoduleScope.Cli.Review;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;
using NoduleScope.Reporting.Findings;
using NoduleScope.TestSupport;
using SkiaSharp;

namespace NoduleScope.Cli.Tests.Review;

/// <summary>
/// The review page in Debian's headless Chromium (Playwright, no downloaded browser), against the real
/// <c>nodulescope review</c> command: worklist, marks drawn where the findings are, accept and reject with the keyboard,
/// the regenerated report, and the page's own timings (written to the test output and review-screenshots/timings.txt).
/// </summary>
[Collection(ReviewDemoCollection.Name)]
public sealed class ReviewPageTests(ReviewDemo demo)
{
    /// <summary>Headless Chromium has no GPU: WebGL comes from SwiftShader, which newer Chromium only offers when
    /// asked. NODULESCOPE_REVIEW_CHROMIUM_ARGS replaces these (e.g. with nothing, or --disable-webgl to test the CPU path).</summary>
    private static string[] BrowserArgs =>
        Environment.GetEnvironmentVariable("NODULESCOPE_REVIEW_CHROMIUM_ARGS") is { } configured
            ? configured.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : ["--enable-unsafe-swiftshader", "--use-angle=swiftshader"];

    [Fact]
    public async Task MarksAreDrawnAtTheFindingsAndAcceptAndRejectReachTheReport()
    {
        ReviewPageChecks.RequireBrowserAndBundle();
        // The demo's last nodule is left out of findings.json: the reviewer adds it by clicking on it.
        var missed = demo.Findings.Findings[^1];
        string results = demo.FreshResults(withoutLastFinding: true);
        var findings = FindingsJson.Read(Path.Combine(results, "findings.json"));
        Assert.True(findings.Findings.Count >= 2, "the demo should have at least two findings");
        try
        {
            await WithReviewPage(results, "dr.browser", async page =>
            {
                await page.WaitForSelectorAsync("#worklist tbody tr[data-study='local']");
                Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
                string row = await page.InnerTextAsync("#worklist tbody tr[data-study='local']");
                Assert.Contains(findings.Findings.Count.ToString(CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
                await page.ScreenshotAsync(new() { Path = Path.Combine(ReviewPageChecks.Shots, "review-worklist.png") });
                await page.FillAsync("#worklist-filter", "no such study");
                await page.WaitForSelectorAsync("#worklist tbody tr", new() { State = WaitForSelectorState.Detached });
                await page.FillAsync("#worklist-filter", "pending");
                await page.WaitForSelectorAsync("#worklist tbody tr[data-study='local']");

                await OpenStudy(page);
                await ReviewPageChecks.CheckEveryMark(page, findings, ReviewPageChecks.Shots, "demo");

                // The coronal reformat through the last finding shows its mark too (rows run from the head down).
                var canvas = page.Locator("#ct");
                await page.ClickAsync("[data-plane='coronal']");
                await page.WaitForSelectorAsync("#ct[data-plane='coronal'][data-rendered^='coronal/']");
                ReviewPageChecks.CheckSelectedMark(await canvas.ScreenshotAsync(), findings.Findings[^1], findings.Input, coronal: true, Path.Combine(ReviewPageChecks.Shots, "demo-mark-coronal.png"));
                await page.ClickAsync("[data-plane='axial']");
                await page.WaitForSelectorAsync("#ct[data-plane='axial'][data-rendered^='axial/']");

                var accepted = findings.Findings[0];
                var rejected = findings.Findings[1];
                await page.ClickAsync($"#findings-list li[data-finding='{accepted.Id}']");
                await page.Keyboard.PressAsync("a");
                await page.WaitForSelectorAsync($"#findings-list li[data-finding='{accepted.Id}'][data-status='accept']");
                await page.Keyboard.PressAsync("j");
                await page.WaitForSelectorAsync($"body[data-selected='{rejected.Id}']");
                await page.Keyboard.PressAsync("r");
                await page.WaitForSelectorAsync($"#findings-list li[data-finding='{rejected.Id}'][data-status='reject']");
                await page.ScreenshotAsync(new() { Path = Path.Combine(ReviewPageChecks.Shots, "review-viewer.png") });

                // A corrected diameter (the form the ruler fills) reaches the report too.
                var edited = findings.Findings[^1];
                await page.ClickAsync($"#findings-list li[data-finding='{edited.Id}']");

                // The ruler (Cornerstone's LengthTool) fills the long axis: a 40-pixel horizontal line on the fitted
                // image is 40 / s mm, s the canvas pixels per mm.
                await page.ClickAsync("[data-tool='ruler']");
                string before = await page.InputValueAsync("#edit-long");
                var box = (await canvas.BoundingBoxAsync())!;
                double pixelsPerMm = Math.Min(ReviewPageChecks.CanvasSize / (findings.Input.Size[0] * findings.Input.Spacing[0]), ReviewPageChecks.CanvasSize / (findings.Input.Size[1] * findings.Input.Spacing[1]));
                await page.Mouse.MoveAsync(box.X + 100, box.Y + 120);
                await page.Mouse.DownAsync();
                await page.Mouse.MoveAsync(box.X + 120, box.Y + 120, new() { Steps = 4 });
                await page.Mouse.MoveAsync(box.X + 140, box.Y + 120, new() { Steps = 4 });
                await page.Mouse.UpAsync();
                await page.WaitForFunctionAsync("v => document.getElementById('edit-long').value !== v", before);
                double measured = double.Parse(await page.InputValueAsync("#edit-long"), CultureInfo.InvariantCulture);
                Assert.Equal(40 / pixelsPerMm, measured, 0.2);
                await page.ClickAsync("[data-tool='window']");

                await page.FillAsync("#edit-long", "7.7");
                await page.FillAsync("#edit-short", "5.5");
                await page.ClickAsync("#edit-form button[type='submit']");
                await page.WaitForSelectorAsync($"#findings-list li[data-finding='{edited.Id}'] >> text=(corrected)");

                // Add the missed nodule: N, go to the slice through its centre, click it.
                await page.FocusAsync("#ct");
                await page.Keyboard.PressAsync("n");
                await page.WaitForSelectorAsync("#ct[data-tool='add']");
                int target = (int)Math.Round(missed.CenterVoxel[2]);
                for (int index = int.Parse((await canvas.GetAttributeAsync("data-index"))!, CultureInfo.InvariantCulture); index != target; index += Math.Sign(target - index))
                {
                    await page.Keyboard.PressAsync(target > index ? "ArrowDown" : "ArrowUp");
                }

                await page.WaitForSelectorAsync($"#ct[data-rendered='axial/{target}']");
                var click = ReviewPageChecks.CanvasPoint(missed.CenterVoxel, findings.Input, coronal: false);
                await canvas.ClickAsync(new() { Position = new() { X = (float)click.X, Y = (float)click.Y } });
                await page.WaitForSelectorAsync($"#findings-list li[data-finding='{missed.Id}'][data-added='1']", new() { Timeout = 60_000 });
                await page.WaitForSelectorAsync($"body[data-selected='{missed.Id}']");
                var added = Assert.Single(ReviewTrail.AddedFindings(ReviewTrail.Open(Path.Combine(results, ReviewTrail.FileName)).Actions));
                await page.WaitForSelectorAsync($"#ct[data-rendered='axial/{(int)Math.Round(added.CenterVoxel[2])}']");
                ReviewPageChecks.CheckSelectedMark(await canvas.ScreenshotAsync(), added, findings.Input, coronal: false, Path.Combine(ReviewPageChecks.Shots, "demo-mark-added.png"));
                await page.Keyboard.PressAsync("w");

                string report = await page.EvaluateAsync<string>("() => fetch('/api/review/studies/local/report').then(r => r.text())");
                Assert.Contains($"id=\"nodule-{missed.Id}\"", report, StringComparison.Ordinal);
                Assert.Contains($"1 added by the reviewer (#{missed.Id})", report, StringComparison.Ordinal);
                Assert.Contains($"id=\"nodule-{accepted.Id}\"", report, StringComparison.Ordinal);
                Assert.DoesNotContain($"id=\"nodule-{rejected.Id}\"", report, StringComparison.Ordinal);
                Assert.Contains($"rejected and left out (#{rejected.Id})", report, StringComparison.Ordinal);
                var trail = ReviewTrail.Open(Path.Combine(results, ReviewTrail.FileName)).Actions;
                Assert.Contains("7.7 × 5.5 mm", System.Net.WebUtility.HtmlDecode(report), StringComparison.Ordinal);
                Assert.Equal([(accepted.Id, "accept"), (rejected.Id, "reject"), (edited.Id, "edit"), (missed.Id, "add")], trail.Select(a => (a.FindingId, a.Action)));
                Assert.Equal(7.7, trail[2].LongAxisMm);
                Assert.All(trail, a => Assert.Equal("dr.browser", a.User));

                await ReviewPageChecks.RecordTimings(page, ReviewPageChecks.Shots, findings.Input, "demo CT");

                // Cornerstone's other rendering path draws the marks at the same places.
                await ReopenWithRenderer(page, OtherRenderer(await page.EvaluateAsync<string>("() => window.reviewMetrics.renderer")));
                await ReviewPageChecks.CheckEveryMark(page, findings, ReviewPageChecks.Shots, "demo-other-renderer");
                await ReviewPageChecks.RecordTimings(page, ReviewPageChecks.Shots, findings.Input, "demo CT");
            });
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    /// <summary>The 255-slice 512 × 512 chest CT of ../shared (ricord-1a-419639): the page opens it, scrolls, and draws a
    /// mark for each finding detect reports on it (none at the default threshold today).</summary>
    [Fact]
    public async Task OnThe255SliceCtTheMarksAreDrawnAndTheTimingsRecorded()
    {
        string dicom = SharedData.Require("data/ct/ricord-1a-419639/dicom");
        ReviewPageChecks.RequireBrowserAndBundle();
        using var results = new TestFolder();
        var detect = CliResult.Run("detect", dicom, "-o", results.Path, "--outputs", "none");
        Assert.True(detect.ExitCode == 0, detect.Stderr);
        var findings = FindingsJson.Read(results["findings.json"]);

        await WithReviewPage(results.Path, "dr.browser", async page =>
        {
            await OpenStudy(page);
            await ReviewPageChecks.CheckEveryMark(page, findings, ReviewPageChecks.Shots, "ct255");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ReviewPageChecks.Shots, "ct255-viewer.png") });
            await ReviewPageChecks.RecordTimings(page, ReviewPageChecks.Shots, findings.Input, "255-slice CT");
            await ReopenWithRenderer(page, OtherRenderer(await page.EvaluateAsync<string>("() => window.reviewMetrics.renderer")));
            await ReviewPageChecks.CheckEveryMark(page, findings, ReviewPageChecks.Shots, "ct255-other-renderer");
            await ReviewPageChecks.RecordTimings(page, ReviewPageChecks.Shots, findings.Input, "255-slice CT");
        });
    }

    /// <summary>Runs <c>nodulescope review</c> in-process on a free port, opens its address in Chromium, runs
    /// <paramref name="test"/>, then stops the command (which must exit cleanly) and checks the console stayed clean.</summary>
    private static async Task WithReviewPage(string results, string user, Func<IPage, Task> test)
    {
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var captured = new StringWriter();
        var output = TextWriter.Synchronized(captured);
        var command = Task.Run(() => CliApplication.Run(["review", results, "--port", "0", "--user", user], output, TextWriter.Null, stdoutIsTerminal: false, stop.Token), ct);
        try
        {
            string login = await WaitForAddress(output, captured, command, ct);
            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ReviewPageChecks.Chromium, Headless = true, Args = ["--no-sandbox", .. BrowserArgs] });
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 860 }, DeviceScaleFactor = 1 });
            var consoleErrors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    consoleErrors.Add(message.Text);
                }
            };

            await page.GotoAsync(login);
            await test(page);
            Assert.Empty(consoleErrors);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(ExitCodes.Ok, await command);
        }
    }

    private static string OtherRenderer(string renderer) => renderer == "cpu" ? "webgl" : "cpu";

    /// <summary>Forces Cornerstone's renderer (web/src/renderer.ts), goes back to the worklist and opens the study again.</summary>
    private static async Task ReopenWithRenderer(IPage page, string renderer)
    {
        await page.EvaluateAsync("r => localStorage.setItem('nodulescope.review.renderer', r)", renderer);
        await page.ClickAsync("#to-worklist");
        await page.FillAsync("#worklist-filter", string.Empty);
        await page.WaitForSelectorAsync("#worklist tbody tr[data-study='local']");
        await OpenStudy(page);
        Assert.Equal(renderer, await page.EvaluateAsync<string>("() => window.reviewMetrics.renderer"));
    }

    private static async Task OpenStudy(IPage page)
    {
        await page.ClickAsync("#worklist tbody tr[data-study='local']");
        await page.WaitForSelectorAsync("body[data-first-image='1']");
        await page.WaitForSelectorAsync("body[data-all-slices='1']", new() { Timeout = 60_000 });
    }

    private static async Task<string> WaitForAddress(TextWriter output, StringWriter captured, Task<int> command, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (command.IsCompleted)
            {
                throw new InvalidOperationException($"review exited with {await command}: {Text(output, captured)}");
            }

            var match = Regex.Match(Text(output, captured), @"http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+");
            if (match.Success)
            {
                return match.Value;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("review printed no address: " + Text(output, captured));
    }

    /// <summary>What the command wrote so far; the synchronized writer locks itself around each write.</summary>
    private static string Text(TextWriter synchronizedWriter, StringWriter captured)
    {
        lock (synchronizedWriter)
        {
            return captured.ToString();
        }
    }
}
