using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Cli.Tests.Review;
using NoduleScope.Dicom.Network;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Review;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Reporting.Findings;
using NoduleScope.Service.Configuration;
using NoduleScope.Service.Hosting;
using NoduleScope.Service.Review;
using NoduleScope.Service.Security;
using NoduleScope.TestSupport;

namespace NoduleScope.Service.Tests;

/// <summary>
/// The review page served by the service (/review/) in Debian's headless Chromium: it asks for the API key, lists the
/// studies the service processed, draws each finding's mark where it is, records accept/reject under the key's name
/// into the study's trail and the regenerated report, and lets the reviewer override the pairing with the prior exam,
/// after which the study is compared again and the review is still there. No request URL carries patient data.
/// </summary>
public sealed class ServiceReviewPageTests
{
    private const string Key = "review-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Reviewer = "dr.service";
    private const string PatientId = "NS-REVIEW-4711";

    [Fact]
    public async Task The_service_serves_the_review_page_behind_its_api_key_and_the_review_and_pairings_take_effect()
    {
        ReviewPageChecks.RequireBrowserAndBundle();
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TestFolder();
        await using var app = await StartServiceAsync(folder["store"], ct);
        string baseUrl = app.Urls.First();
        var queue = app.Services.GetRequiredService<IJobQueue>();
        var storage = app.Services.GetRequiredService<StorageRoot>();

        var (prior, current, grown) = GrowingNodulePhantoms.Create(160, 80, 1.5);
        await SendAndWaitAsync(app, queue, prior, folder["prior"], new DateOnly(2024, 1, 1), doneJobs: 1);
        await SendAndWaitAsync(app, queue, current, folder["current"], new DateOnly(2025, 1, 1), doneJobs: 2);
        var studies = await queue.ListStudiesAsync(10, cancellationToken: ct);
        string currentId = studies.Single(s => s.Id != (studies.OrderBy(x => x.FirstReceivedAt).First().Id)).Id;
        string results = await ResultFolderAsync(queue, storage, currentId);
        var findings = FindingsJson.Read(Path.Combine(results, "findings.json"));
        var comparison = ComparisonJson.Read(Path.Combine(results, "comparison.json"));
        Assert.True(findings.Findings.Count >= 2, $"the follow-up phantom should have at least two findings, has {findings.Findings.Count}");
        var grownPair = comparison.Pairs.Single(p => p.Current is { } c && (new Vector3D(c.CenterWorld[0], c.CenterWorld[1], c.CenterWorld[2]) - grown).Length < 4);
        Assert.Equal("automatic", grownPair.Match.Method);
        int grownId = grownPair.Current!.FindingId!.Value;

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ReviewPageChecks.Chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 860 }, DeviceScaleFactor = 1 });
        var page = await context.NewPageAsync();
        var urls = new List<string>();
        var consoleErrors = new List<string>();
        context.Request += (_, request) => urls.Add(request.Url);
        page.Console += (_, message) =>
        {
            // The wrong key's 401 is logged by the browser itself; anything else is the page's fault.
            if (message.Type == "error" && !message.Text.Contains("401", StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };

        // The bundle is open to all; the data is not: the page asks for the key and refuses a wrong one.
        await page.GotoAsync(baseUrl + "/review");
        await page.WaitForSelectorAsync("body[data-view='login']");
        await page.FillAsync("#login-key", "not-the-key");
        await page.ClickAsync("#login-form button[type='submit']");
        await page.WaitForSelectorAsync("#login-message >> text=not accepted");
        await page.FillAsync("#login-key", Key);
        await page.ClickAsync("#login-form button[type='submit']");
        await page.WaitForSelectorAsync($"#worklist tbody tr[data-study='{currentId}']");
        Assert.Equal(2, await page.Locator("#worklist tbody tr").CountAsync());
        Assert.Contains($"Reviewer: {Reviewer}", await page.InnerTextAsync("#user"), StringComparison.Ordinal);
        string row = await page.InnerTextAsync($"#worklist tbody tr[data-study='{currentId}']");
        Assert.Contains($"Doe Jane · {PatientId} · 2025-01-01", row, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ReviewPageChecks.Shots, "service-worklist.png") });

        await OpenAsync(page, currentId);
        await ReviewPageChecks.CheckEveryMark(page, findings, ReviewPageChecks.Shots, "service");
        await ReviewPageChecks.RecordTimings(page, ReviewPageChecks.Shots, findings.Input, "phantom served by the service");
        await page.WaitForSelectorAsync("#comparison:not([hidden])");
        Assert.Equal(comparison.Pairs.Count, await page.Locator("#comparison-pairs tbody tr").CountAsync());
        Assert.Contains("growing", await page.InnerTextAsync($"#findings-list li[data-finding='{grownId}']"), StringComparison.Ordinal);

        var accepted = findings.Findings[0];
        var rejected = findings.Findings[1];
        await page.ClickAsync($"#findings-list li[data-finding='{accepted.Id}']");
        await page.Keyboard.PressAsync("a");
        await page.WaitForSelectorAsync($"#findings-list li[data-finding='{accepted.Id}'][data-status='accept']");
        await page.ClickAsync($"#findings-list li[data-finding='{rejected.Id}']");
        await page.Keyboard.PressAsync("r");
        await page.WaitForSelectorAsync($"#findings-list li[data-finding='{rejected.Id}'][data-status='reject']");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ReviewPageChecks.Shots, "service-viewer.png") });

        // The report opens in a new tab through a short-lived link (a tab cannot send the key).
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#report-link"));
        await popup.WaitForLoadStateAsync();
        Assert.Matches("/review/report/[0-9a-f]{48}$", popup.Url);
        string report = await popup.ContentAsync();
        Assert.Contains($"rejected and left out (#{rejected.Id})", report, StringComparison.Ordinal);
        Assert.Contains($"id=\"nodule-{accepted.Id}\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"nodule-{rejected.Id}\"", report, StringComparison.Ordinal);
        await popup.CloseAsync();
        using (var anonymous = new HttpClient())
        {
            var refused = await anonymous.GetAsync($"{baseUrl}/api/review/studies/{currentId}/report", ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var expiredLink = await anonymous.GetAsync($"{baseUrl}/review/report/{new string('0', 48)}", ct);
            Assert.Equal(HttpStatusCode.NotFound, expiredLink.StatusCode);
        }

        var trail = ReviewTrail.Open(storage.ReviewTrailFile(currentId)).Actions;
        Assert.Equal([(accepted.Id, "accept"), (rejected.Id, "reject")], trail.Select(a => (a.FindingId, a.Action)));
        Assert.All(trail, a => Assert.Equal(Reviewer, a.User));
        Assert.True(File.Exists(Path.Combine(results, ReviewedReport.FolderName, "dicom", "SR.dcm")), "the regenerated SR is written next to the job's results");

        // Override the automatic pairing of the grown nodule: it is new. The study is compared again with it.
        await page.SelectOptionAsync($"#comparison-pairs select[data-current='{grownId}']", "none");
        await page.ClickAsync("#apply-pairs");
        await page.WaitForSelectorAsync("#pairs-message >> text=processed again");
        await page.Locator("aside.findings").ScreenshotAsync(new() { Path = Path.Combine(ReviewPageChecks.Shots, "service-comparison.png") });
        await WaitForDoneJobsAsync(queue, 3);
        string repaired = await ResultFolderAsync(queue, storage, currentId);
        Assert.NotEqual(results, repaired);
        var after = ComparisonJson.Read(Path.Combine(repaired, "comparison.json"));
        var forced = after.Pairs.Single(p => p.Current?.FindingId == grownId);
        Assert.Equal("new", forced.Status);
        Assert.Null(forced.Prior);

        // Back to the worklist and in again: the new results, the same review.
        await page.ClickAsync("#to-worklist");
        await OpenAsync(page, currentId);
        await page.WaitForSelectorAsync($"#findings-list li[data-finding='{rejected.Id}'][data-status='reject']");
        Assert.Equal("none", await page.InputValueAsync($"#comparison-pairs select[data-current='{grownId}']"));
        Assert.Contains("new", await page.InnerTextAsync($"#findings-list li[data-finding='{grownId}']"), StringComparison.Ordinal);

        foreach (string url in urls)
        {
            Assert.DoesNotContain(PatientId, url, StringComparison.Ordinal);
            Assert.DoesNotContain("Doe", url, StringComparison.Ordinal);
        }

        Assert.Empty(consoleErrors);
        await app.StopAsync(ct);
    }

    /// <summary>The 255-slice 512 × 512 chest CT of ../shared (ricord-1a-419639) sent to the service over DICOM and
    /// opened in the page it serves: the stored series is read on first use, so this is the time a radiologist waits.</summary>
    [Fact]
    public async Task On_the_255_slice_ct_the_served_page_records_its_timings()
    {
        string dicom = SharedData.Require("data/ct/ricord-1a-419639/dicom");
        ReviewPageChecks.RequireBrowserAndBundle();
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TestFolder();
        await using var app = await StartServiceAsync(folder["store"], ct);
        var queue = app.Services.GetRequiredService<IJobQueue>();
        int port = app.Services.GetRequiredService<DicomReceiver>().LocalEndPoint!.Port;
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = port, CallingAeTitle = "TESTSCU", CalledAeTitle = TestConfigs.Ae });
        var sent = await client.StoreAsync([.. Directory.EnumerateFiles(dicom, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]);
        Assert.All(sent, r => Assert.True(r.Succeeded, r.ToString()));
        await WaitForDoneJobsAsync(queue, 1);
        string studyId = Assert.Single(await queue.ListStudiesAsync(10, cancellationToken: ct)).Id;
        var findings = FindingsJson.Read(Path.Combine(await ResultFolderAsync(queue, app.Services.GetRequiredService<StorageRoot>(), studyId), "findings.json"));
        Assert.Equal(255, findings.Input.Size[2]);

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ReviewPageChecks.Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 860 }, DeviceScaleFactor = 1 });
        await page.GotoAsync(app.Urls.First() + "/review/");
        await page.FillAsync("#login-key", Key);
        await page.ClickAsync("#login-form button[type='submit']");
        await page.WaitForSelectorAsync($"#worklist tbody tr[data-study='{studyId}']");
        await OpenAsync(page, studyId);
        await ReviewPageChecks.CheckEveryMark(page, findings, ReviewPageChecks.Shots, "service-ct255");
        await ReviewPageChecks.RecordTimings(page, ReviewPageChecks.Shots, findings.Input, "255-slice CT served by the service (stored series read on opening)");
        await app.StopAsync(ct);
    }

    private static async Task<WebApplication> StartServiceAsync(string storage, CancellationToken ct)
    {
        var config = TestConfigs.Loopback(storage, 0, 0, "TESTSCU@127.0.0.1") with
        {
            Http = new HttpSettings { Urls = ["http://127.0.0.1:0"], ApiKeys = [new ApiKeySettings { Name = Reviewer, Sha256 = ApiKeys.Hash(Key) }] },
        };
        var app = await ServiceHost.BuildAsync(config, logging => logging.ClearProviders(), runningAsRoot: false, cancellationToken: ct);
        await app.StartAsync(ct);
        return app;
    }

    private static async Task OpenAsync(IPage page, string studyId)
    {
        await page.ClickAsync($"#worklist tbody tr[data-study='{studyId}']");
        await page.WaitForSelectorAsync("body[data-first-image='1']");
        await page.WaitForSelectorAsync("body[data-all-slices='1']", new() { Timeout = 60_000 });
    }

    private static async Task SendAndWaitAsync(WebApplication app, IJobQueue queue, CtVolume volume, string folder, DateOnly date, int doneJobs)
    {
        var files = DicomSeriesWriter.Write(volume, folder, new DicomSeriesWriterOptions { Seed = folder, PatientName = "Doe^Jane", PatientId = PatientId, StudyDate = date });
        int port = app.Services.GetRequiredService<DicomReceiver>().LocalEndPoint!.Port;
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = port, CallingAeTitle = "TESTSCU", CalledAeTitle = TestConfigs.Ae });
        var sent = await client.StoreAsync(files);
        Assert.All(sent, r => Assert.True(r.Succeeded, r.ToString()));
        await WaitForDoneJobsAsync(queue, doneJobs);
    }

    private static async Task WaitForDoneJobsAsync(IJobQueue queue, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            var stats = await queue.GetStatisticsAsync();
            if (stats.Jobs[JobState.Failed] + stats.Jobs[JobState.DeadLetter] > 0)
            {
                Assert.Fail("a job failed: " + (await queue.ListJobsAsync(null, null, 1))[0].LastError);
            }

            if (stats.Jobs[JobState.Done] >= count && stats.Jobs[JobState.Queued] + stats.Jobs[JobState.Processing] + stats.Jobs[JobState.Received] == 0)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{count} jobs were not done within 4 minutes");
    }

    private static async Task<string> ResultFolderAsync(IJobQueue queue, StorageRoot storage, string studyId)
    {
        var job = (await queue.ListJobsAsync(JobState.Done, studyId, 1)).Single();
        return storage.Resolve(job.ResultPath!);
    }
}
