using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NoduleScope.Cli.Review;
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
    private const string Chromium = "/usr/bin/chromium";
    private const int CanvasSize = 640;

    /// <summary>Headless Chromium has no GPU: WebGL comes from SwiftShader, which newer Chromium only offers when
    /// asked. NODULESCOPE_REVIEW_CHROMIUM_ARGS replaces these (e.g. with nothing, or --disable-webgl to test the CPU path).</summary>
    private static string[] BrowserArgs =>
        Environment.GetEnvironmentVariable("NODULESCOPE_REVIEW_CHROMIUM_ARGS") is { } configured
            ? configured.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : ["--enable-unsafe-swiftshader", "--use-angle=swiftshader"];

    private static string Shots
    {
        get
        {
            string shots = Path.Combine(AppContext.BaseDirectory, "review-screenshots");
            Directory.CreateDirectory(shots);
            return shots;
        }
    }

    [Fact]
    public async Task MarksAreDrawnAtTheFindingsAndAcceptAndRejectReachTheReport()
    {
        RequireBrowserAndBundle();
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
                await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "review-worklist.png") });
                await page.FillAsync("#worklist-filter", "no such study");
                await page.WaitForSelectorAsync("#worklist tbody tr", new() { State = WaitForSelectorState.Detached });
                await page.FillAsync("#worklist-filter", "pending");
                await page.WaitForSelectorAsync("#worklist tbody tr[data-study='local']");

                await OpenStudy(page);
                await CheckEveryMark(page, findings, "demo");

                // The coronal reformat through the last finding shows its mark too (rows run from the head down).
                var canvas = page.Locator("#ct");
                await page.ClickAsync("[data-plane='coronal']");
                await page.WaitForSelectorAsync("#ct[data-plane='coronal'][data-rendered^='coronal/']");
                CheckSelectedMark(await canvas.ScreenshotAsync(), findings.Findings[^1], findings.Input, coronal: true, Path.Combine(Shots, "demo-mark-coronal.png"));
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
                await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "review-viewer.png") });

                // A corrected diameter (the form the ruler fills) reaches the report too.
                var edited = findings.Findings[^1];
                await page.ClickAsync($"#findings-list li[data-finding='{edited.Id}']");

                // The ruler (Cornerstone's LengthTool) fills the long axis: a 40-pixel horizontal line on the fitted
                // image is 40 / s mm, s the canvas pixels per mm.
                await page.ClickAsync("[data-tool='ruler']");
                string before = await page.InputValueAsync("#edit-long");
                var box = (await canvas.BoundingBoxAsync())!;
                double pixelsPerMm = Math.Min(CanvasSize / (findings.Input.Size[0] * findings.Input.Spacing[0]), CanvasSize / (findings.Input.Size[1] * findings.Input.Spacing[1]));
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
                var click = CanvasPoint(missed.CenterVoxel, findings.Input, coronal: false);
                await canvas.ClickAsync(new() { Position = new() { X = (float)click.X, Y = (float)click.Y } });
                await page.WaitForSelectorAsync($"#findings-list li[data-finding='{missed.Id}'][data-added='1']", new() { Timeout = 60_000 });
                await page.WaitForSelectorAsync($"body[data-selected='{missed.Id}']");
                var added = Assert.Single(ReviewTrail.AddedFindings(ReviewTrail.Open(results).Actions));
                await page.WaitForSelectorAsync($"#ct[data-rendered='axial/{(int)Math.Round(added.CenterVoxel[2])}']");
                CheckSelectedMark(await canvas.ScreenshotAsync(), added, findings.Input, coronal: false, Path.Combine(Shots, "demo-mark-added.png"));
                await page.Keyboard.PressAsync("w");

                string report = await page.EvaluateAsync<string>("() => fetch('/api/review/studies/local/report').then(r => r.text())");
                Assert.Contains($"id=\"nodule-{missed.Id}\"", report, StringComparison.Ordinal);
                Assert.Contains($"1 added by the reviewer (#{missed.Id})", report, StringComparison.Ordinal);
                Assert.Contains($"id=\"nodule-{accepted.Id}\"", report, StringComparison.Ordinal);
                Assert.DoesNotContain($"id=\"nodule-{rejected.Id}\"", report, StringComparison.Ordinal);
                Assert.Contains($"rejected and left out (#{rejected.Id})", report, StringComparison.Ordinal);
                var trail = ReviewTrail.Open(results).Actions;
                Assert.Contains("7.7 × 5.5 mm", System.Net.WebUtility.HtmlDecode(report), StringComparison.Ordinal);
                Assert.Equal([(accepted.Id, "accept"), (rejected.Id, "reject"), (edited.Id, "edit"), (missed.Id, "add")], trail.Select(a => (a.FindingId, a.Action)));
                Assert.Equal(7.7, trail[2].LongAxisMm);
                Assert.All(trail, a => Assert.Equal("dr.browser", a.User));

                await RecordTimings(page, findings.Input, "demo CT");

                // Cornerstone's other rendering path draws the marks at the same places.
                await ReopenWithRenderer(page, OtherRenderer(await page.EvaluateAsync<string>("() => window.reviewMetrics.renderer")));
                await CheckEveryMark(page, findings, "demo-other-renderer");
                await RecordTimings(page, findings.Input, "demo CT");
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
        RequireBrowserAndBundle();
        using var results = new TestFolder();
        var detect = CliResult.Run("detect", dicom, "-o", results.Path, "--outputs", "none");
        Assert.True(detect.ExitCode == 0, detect.Stderr);
        var findings = FindingsJson.Read(results["findings.json"]);

        await WithReviewPage(results.Path, "dr.browser", async page =>
        {
            await OpenStudy(page);
            await CheckEveryMark(page, findings, "ct255");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "ct255-viewer.png") });
            await RecordTimings(page, findings.Input, "255-slice CT");
            await ReopenWithRenderer(page, OtherRenderer(await page.EvaluateAsync<string>("() => window.reviewMetrics.renderer")));
            await CheckEveryMark(page, findings, "ct255-other-renderer");
            await RecordTimings(page, findings.Input, "255-slice CT");
        });
    }

    private static void RequireBrowserAndBundle()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip($"{Chromium} is missing (apt-get install chromium)");
        }

        if (ReviewWebRoot.Find() is null)
        {
            Assert.Skip("the review page is not built (run web/build.sh; needs node and npm)");
        }
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
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", .. BrowserArgs] });
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

    /// <summary>Steps through the findings with J and checks each one's mark on the axial slice through its centre.</summary>
    private static async Task CheckEveryMark(IPage page, FindingsDocument findings, string name)
    {
        var canvas = page.Locator("#ct");
        for (int i = 0; i < findings.Findings.Count; i++)
        {
            var f = findings.Findings[i];
            if (i > 0)
            {
                await page.Keyboard.PressAsync("j");
            }

            await page.WaitForSelectorAsync($"body[data-selected='{f.Id}']");
            string slice = ((int)Math.Round(f.CenterVoxel[2])).ToString(CultureInfo.InvariantCulture);
            Assert.Equal(slice, await canvas.GetAttributeAsync("data-index"));
            await page.WaitForSelectorAsync($"#ct[data-rendered='axial/{slice}']");
            CheckSelectedMark(await canvas.ScreenshotAsync(), f, findings.Input, coronal: false, Path.Combine(Shots, $"{name}-mark-{f.Id}.png"));
        }
    }

    /// <summary>Scrolls 40 slices with the keyboard, each step waiting until Cornerstone has rendered the slice, and
    /// writes the page's own timings to the test output.</summary>
    private static async Task RecordTimings(IPage page, FindingsInput input, string what)
    {
        await page.EvaluateAsync("() => { window.reviewMetrics.renderTimesMs.length = 0; }");
        int index = int.Parse((await page.GetAttributeAsync("#ct", "data-index"))!, CultureInfo.InvariantCulture);
        int step = index + 20 < input.Size[2] ? 1 : -1;
        double scrollStart = await page.EvaluateAsync<double>("() => performance.now()");
        for (int k = 0; k < 40; k++)
        {
            bool forward = k < 20;
            await page.Keyboard.PressAsync((step > 0) == forward ? "ArrowDown" : "ArrowUp");
            index += forward ? step : -step;
            await page.WaitForSelectorAsync($"#ct[data-rendered='axial/{index}']");
        }

        double scrollMs = await page.EvaluateAsync<double>($"() => new Promise(r => requestAnimationFrame(() => r(performance.now() - {scrollStart.ToString(CultureInfo.InvariantCulture)})))");
        using var metrics = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.reviewMetrics)"));
        double firstImage = metrics.RootElement.GetProperty("firstImageMs").GetDouble();
        string renderer = metrics.RootElement.GetProperty("renderer").GetString() ?? "unknown renderer";
        double allSlices = metrics.RootElement.GetProperty("allSlicesMs").GetDouble();
        double[] renders = [.. metrics.RootElement.GetProperty("renderTimesMs").EnumerateArray().Select(e => e.GetDouble()).Order()];
        Assert.True(renders.Length >= 40, $"expected a render per slice step, got {renders.Length}");
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"review page (Cornerstone3D, {renderer}), {what} {input.Size[0]}x{input.Size[1]}x{input.Size[2]}: first image {firstImage:0} ms after opening the study; all slices {allSlices:0} ms; slice render median {renders[renders.Length / 2]:0.00} ms, max {renders[^1]:0.00} ms over {renders.Length} renders; 40 slice steps {scrollMs:0} ms ({scrollMs / 40:0.0} ms per slice from key press to rendered slice, including Playwright input)");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        await File.AppendAllTextAsync(Path.Combine(Shots, "timings.txt"), summary + "\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The selected finding's box is the only cyan (#00ffff) on the canvas: it must be there, centred on the middle of
    /// the finding's bounding box, no bigger than that box plus a margin, and around the finding's centre voxel. The
    /// expected positions follow the page's fit rule (zoom 1, no pan: the image scaled to the canvas keeping mm
    /// proportions and centred) and are computed here from findings.json alone.
    /// </summary>
    private static void CheckSelectedMark(byte[] png, FindingsNodule finding, FindingsInput input, bool coronal, string savePath)
    {
        File.WriteAllBytes(savePath, png);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(CanvasSize, bitmap.Width);
        int rowAxis = coronal ? 2 : 1;
        double s = Math.Min(CanvasSize / (input.Size[0] * input.Spacing[0]), CanvasSize / (input.Size[rowAxis] * input.Spacing[rowAxis]));
        (double X, double Y) Canvas(double[] voxel) => CanvasPoint(voxel, input, coronal);

        var lo = Canvas(WorldToVoxel(finding.BoundsMinWorld, input));
        var hi = Canvas(WorldToVoxel(finding.BoundsMaxWorld, input));
        var (ex, ey) = ((lo.X + hi.X) / 2, (lo.Y + hi.Y) / 2);
        double margin = (Math.Max(input.Spacing[0], input.Spacing[rowAxis]) * s) + 3;
        double reachX = (Math.Abs(hi.X - lo.X) / 2) + margin, reachY = (Math.Abs(hi.Y - lo.Y) / 2) + margin;

        long count = 0;
        double sx = 0, sy = 0, minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 60 && c.Green > 200 && c.Blue > 200)
                {
                    count++;
                    sx += x;
                    sy += y;
                    (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
                }
            }
        }

        Assert.True(count > 20, $"finding #{finding.Id}: no selected mark on the canvas (expected around {ex:0}, {ey:0}); see {savePath}");
        double cx = sx / count, cy = sy / count;
        Assert.True(Math.Abs(cx - ex) <= 3 && Math.Abs(cy - ey) <= 3,
            $"finding #{finding.Id}: mark centred at ({cx:0.0}, {cy:0.0}), expected ({ex:0.0}, {ey:0.0}); see {savePath}");
        Assert.True(ex - minX <= reachX && maxX - ex <= reachX && ey - minY <= reachY && maxY - ey <= reachY,
            $"finding #{finding.Id}: mark spans x {minX}..{maxX}, y {minY}..{maxY}, more than the bounding box around ({ex:0}, {ey:0}); see {savePath}");
        var centre = Canvas(finding.CenterVoxel);
        Assert.True(centre.X > minX && centre.X < maxX && centre.Y > minY && centre.Y < maxY,
            $"finding #{finding.Id}: centre ({centre.X:0}, {centre.Y:0}) outside its mark; see {savePath}");
    }

    /// <summary>Where the page draws a voxel (x, y, z) at zoom 1 and no pan: the image scaled to the canvas keeping mm
    /// proportions and centred; coronal rows run from the head down.</summary>
    private static (double X, double Y) CanvasPoint(double[] voxel, FindingsInput input, bool coronal)
    {
        int rowAxis = coronal ? 2 : 1;
        double s = Math.Min(CanvasSize / (input.Size[0] * input.Spacing[0]), CanvasSize / (input.Size[rowAxis] * input.Spacing[rowAxis]));
        double ox = (CanvasSize - (input.Size[0] * input.Spacing[0] * s)) / 2;
        double oy = (CanvasSize - (input.Size[rowAxis] * input.Spacing[rowAxis] * s)) / 2;
        double row = coronal ? input.Size[2] - 1 - voxel[2] : voxel[1];
        return (ox + ((voxel[0] + 0.5) * input.Spacing[0] * s), oy + ((row + 0.5) * input.Spacing[rowAxis] * s));
    }

    private static double[] WorldToVoxel(double[] world, FindingsInput input)
    {
        double[] d = [world[0] - input.Origin[0], world[1] - input.Origin[1], world[2] - input.Origin[2]];
        return [.. Enumerable.Range(0, 3).Select(a => ((d[0] * input.Direction[a * 3]) + (d[1] * input.Direction[(a * 3) + 1]) + (d[2] * input.Direction[(a * 3) + 2])) / input.Spacing[a])];
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
