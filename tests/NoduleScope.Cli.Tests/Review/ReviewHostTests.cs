using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NoduleScope.Cli.Review;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;
using NoduleScope.Dicom;
using NoduleScope.Reporting.Sr;

namespace NoduleScope.Cli.Tests.Review;

/// <summary>The REST contract of docs/review-api.md against the real host, with a plain HTTP client.</summary>
[Collection(ReviewDemoCollection.Name)]
public sealed class ReviewHostTests(ReviewDemo demo)
{
    [Fact]
    public async Task RequestsWithoutTheTokenOrFromAnotherHostNameAreRefused()
    {
        await using var running = await Start();
        using var client = new HttpClient { BaseAddress = running.Host.Address };

        var anonymous = await client.GetAsync("/api/review/studies", TestContext.Current.CancellationToken);
        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, "/api/review/studies") { Headers = { { ReviewHost.TokenHeader, "not-the-token" } } };
        var wrong = await client.SendAsync(wrongToken, TestContext.Current.CancellationToken);
        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "/api/review/studies") { Headers = { { ReviewHost.TokenHeader, running.Host.Token } } };
        rebinding.Headers.Host = "attacker.example";
        var rebound = await client.SendAsync(rebinding, TestContext.Current.CancellationToken);
        var page = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, rebound.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("default-src 'none'", anonymous.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenAddressSetsAnHttpOnlyCookieThatOpensThePage()
    {
        if (ReviewWebRoot.Find() is null)
        {
            Assert.Skip("the review page is not built (run web/build.sh; needs node and npm)");
        }

        await using var running = await Start();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = running.Host.Address };

        var login = await client.GetAsync(running.Host.LoginAddress, TestContext.Current.CancellationToken);
        string cookie = login.Headers.GetValues("Set-Cookie").Single();
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Cookie", cookie.Split(';')[0] } } };
        var page = await client.SendAsync(withCookie, TestContext.Current.CancellationToken);
        string html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<script defer src=\"review.js\">", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlicesComeAsLittleEndianInt16OfTheVolume()
    {
        await using var running = await Start();
        using var client = Authorized(running);
        var v = running.Study.Volume;
        int z = v.SizeZ / 2;

        byte[] bytes = await client.GetByteArrayAsync($"/api/review/studies/local/slices/{z}", TestContext.Current.CancellationToken);
        var missing = await client.GetAsync($"/api/review/studies/local/slices/{v.SizeZ}", TestContext.Current.CancellationToken);

        Assert.Equal(v.SliceLength * 2, bytes.Length);
        int probe = (v.SizeY / 2 * v.SizeX) + (v.SizeX / 2);
        Assert.Equal(v[v.SizeX / 2, v.SizeY / 2, z], BitConverter.ToInt16(bytes, probe * 2));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ActionsGoToTheTrailAndTheRegeneratedReportLeavesRejectedFindingsOut()
    {
        await using var running = await Start();
        using var client = Authorized(running);
        var ct = TestContext.Current.CancellationToken;

        var accept = await client.PostAsJsonAsync("/api/review/studies/local/findings/1/actions", new { action = "accept" }, ct);
        var reject = await client.PostAsJsonAsync("/api/review/studies/local/findings/2/actions", new { action = "reject" }, ct);
        var edit = await client.PostAsJsonAsync("/api/review/studies/local/findings/3/actions", new { action = "edit", longAxisMm = 7.7, shortAxisMm = 5.5 }, ct);
        var bad = await client.PostAsJsonAsync("/api/review/studies/local/findings/3/actions", new { action = "delete" }, ct);
        var unknown = await client.PostAsJsonAsync("/api/review/studies/local/findings/99/actions", new { action = "accept" }, ct);
        string report = await client.GetStringAsync("/api/review/studies/local/report", ct);
        using var studies = JsonDocument.Parse(await client.GetStringAsync("/api/review/studies", ct));

        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reject.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var trail = ReviewTrail.Open(Path.Combine(running.Results, ReviewTrail.FileName)).Actions;
        Assert.Equal(["accept", "reject", "edit"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("dr.test", a.User));
        Assert.Contains("id=\"nodule-1\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"nodule-2\"", report, StringComparison.Ordinal);
        Assert.Contains("1 rejected and left out (#2)", report, StringComparison.Ordinal);
        Assert.Contains("7.7 × 5.5 mm", WebUtility.HtmlDecode(report), StringComparison.Ordinal);
        Assert.Equal("in review", studies.RootElement[0].GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(running.Results, "reviewed", "report.html")));
    }

    [Fact]
    public async Task AClickedMissedNoduleIsSegmentedCharacterisedAndAddedToTheTrailAndTheReport()
    {
        var missed = demo.Findings.Findings[^1];
        await using var running = await Start(withoutLastFinding: true);
        using var client = Authorized(running);
        var ct = TestContext.Current.CancellationToken;
        var v = running.Study.Volume;

        var added = await client.PostAsJsonAsync("/api/review/studies/local/findings", new { x = missed.CenterWorld[0], y = missed.CenterWorld[1], z = missed.CenterWorld[2] }, ct);
        var inAir = await client.PostAsJsonAsync("/api/review/studies/local/findings", new { x = v.Origin.X, y = v.Origin.Y, z = v.Origin.Z }, ct);
        var incomplete = await client.PostAsJsonAsync("/api/review/studies/local/findings", new { x = 1.0 }, ct);
        var outside = await client.PostAsJsonAsync("/api/review/studies/local/findings", new { x = 1e300, y = 0.0, z = 0.0 }, ct);
        using var body = JsonDocument.Parse(await added.Content.ReadAsStringAsync(ct));
        string report = await client.GetStringAsync("/api/review/studies/local/report", ct);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal((HttpStatusCode)422, inAir.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Equal((HttpStatusCode)422, outside.StatusCode);
        int id = body.RootElement.GetProperty("findingId").GetInt32();
        Assert.Equal(missed.Id, id);
        var finding = body.RootElement.GetProperty("study").GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetInt32() == id);
        double[] center = [.. finding.GetProperty("centerWorld").EnumerateArray().Select(e => e.GetDouble())];
        Assert.True(Math.Sqrt(center.Zip(missed.CenterWorld, (a, b) => (a - b) * (a - b)).Sum()) < 2, "the added nodule is the missed one");
        Assert.Equal(missed.LongAxisMm, finding.GetProperty("longAxisMm").GetDouble(), 1.0);
        Assert.Equal(missed.Characterization?.Type, finding.GetProperty("characterization").GetProperty("type").GetString());
        var decision = body.RootElement.GetProperty("study").GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("findingId").GetInt32() == id);
        Assert.True(decision.GetProperty("added").GetBoolean());
        Assert.Equal("accept", decision.GetProperty("status").GetString());
        var trail = ReviewTrail.Open(Path.Combine(running.Results, ReviewTrail.FileName)).Actions;
        Assert.Equal("add", Assert.Single(trail).Action);
        Assert.Equal("dr.test", trail[0].User);
        Assert.Equal(id, trail[0].Finding?.Id);
        Assert.Contains($"id=\"nodule-{id}\"", report, StringComparison.Ordinal);
        Assert.Contains($"1 added by the reviewer (#{id})", report, StringComparison.Ordinal);
        Assert.Contains(ReviewDemo.Load(running.Results).AllFindings, f => f.Id == id);
    }

    [Fact]
    public async Task TheRegeneratedSrHoldsTheKeptAndAddedFindingsWithCorrectedDiametersAndNotTheRejectedOnes()
    {
        var missed = demo.Findings.Findings[^1];
        await using var running = await Start(withoutLastFinding: true);
        using var client = Authorized(running);
        var ct = TestContext.Current.CancellationToken;

        var before = await ReadSr(client, running, "before.dcm");
        await client.PostAsJsonAsync("/api/review/studies/local/findings/1/actions", new { action = "accept" }, ct);
        await client.PostAsJsonAsync("/api/review/studies/local/findings/2/actions", new { action = "reject" }, ct);
        await client.PostAsJsonAsync("/api/review/studies/local/findings/3/actions", new { action = "edit", longAxisMm = 7.7, shortAxisMm = 5.5 }, ct);
        var added = await client.PostAsJsonAsync("/api/review/studies/local/findings", new { x = missed.CenterWorld[0], y = missed.CenterWorld[1], z = missed.CenterWorld[2] }, ct);
        var after = await ReadSr(client, running, "after.dcm");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(["Nodule 1", "Nodule 2", "Nodule 3"], before.Report.Nodules.Select(n => n.TrackingIdentifier));
        Assert.Equal(["Nodule 1", "Nodule 3", $"Nodule {missed.Id}"], after.Report.Nodules.Select(n => n.TrackingIdentifier));
        var corrected = after.Report.Nodules[1];
        Assert.Equal(7.7, corrected.LongAxisMm!.Value, 3);
        Assert.Equal(5.5, corrected.ShortAxisMm!.Value, 3);
        Assert.Equal(6.6, corrected.MeanDiameterMm!.Value, 3);
        Assert.Equal(missed.LongAxisMm, after.Report.Nodules[2].LongAxisMm!.Value, 1.0);
        var source = DicomFile.OpenHeader(Directory.EnumerateFiles(demo.Findings.Input.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First()).Dataset;
        Assert.Equal(source.GetString(DicomTags.StudyInstanceUID), after.Dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(source.GetString(DicomTags.PatientID), after.Dataset.GetString(DicomTags.PatientID));
        Assert.True(File.Exists(Path.Combine(running.Results, "reviewed", "dicom", "SR.dcm")));
        Dciodvfy.AssertValidIfInstalled(after.Path);
    }

    private static async Task<(DicomDataset Dataset, MeasurementReport Report, string Path)> ReadSr(HttpClient client, RunningHost running, string name)
    {
        var response = await client.GetAsync("/api/review/studies/local/sr", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom", response.Content.Headers.ContentType?.MediaType);
        string path = Path.Combine(running.Results, name);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        var dataset = DicomFile.Open(path).Dataset;
        return (dataset, MeasurementReportReader.Read(dataset), path);
    }

    private async Task<RunningHost> Start(bool withoutLastFinding = false)
    {
        string results = demo.FreshResults(withoutLastFinding);
        var study = ReviewDemo.Load(results);
        string webRoot = ReviewWebRoot.Find() ?? Directory.CreateTempSubdirectory("nodulescope-web-").FullName;
        var host = await ReviewHost.StartAsync(study, webRoot, IPAddress.Loopback, 0, "dr.test", ReviewHost.NewToken(), TestContext.Current.CancellationToken);
        return new RunningHost(host, study, results);
    }

    private static HttpClient Authorized(RunningHost running) =>
        new() { BaseAddress = running.Host.Address, DefaultRequestHeaders = { { ReviewHost.TokenHeader, running.Host.Token } } };
}
