using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NoduleScope.Cli.Review;

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
        Assert.Contains("<script defer src=\"/review.js\">", html, StringComparison.Ordinal);
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
        var trail = ReviewTrail.Open(running.Results).Actions;
        Assert.Equal(["accept", "reject", "edit"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("dr.test", a.User));
        Assert.Contains("id=\"nodule-1\"", report, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"nodule-2\"", report, StringComparison.Ordinal);
        Assert.Contains("1 rejected and left out (#2)", report, StringComparison.Ordinal);
        Assert.Contains("7.7 × 5.5 mm", WebUtility.HtmlDecode(report), StringComparison.Ordinal);
        Assert.Equal("in review", studies.RootElement[0].GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(running.Results, "reviewed", "report.html")));
    }

    private async Task<RunningHost> Start()
    {
        string results = demo.FreshResults();
        var study = ReviewDemo.Load(results);
        string webRoot = ReviewWebRoot.Find() ?? Directory.CreateTempSubdirectory("nodulescope-web-").FullName;
        var host = await ReviewHost.StartAsync(study, webRoot, IPAddress.Loopback, 0, "dr.test", ReviewHost.NewToken(), TestContext.Current.CancellationToken);
        return new RunningHost(host, study, results);
    }

    private static HttpClient Authorized(RunningHost running) =>
        new() { BaseAddress = running.Host.Address, DefaultRequestHeaders = { { ReviewHost.TokenHeader, running.Host.Token } } };
}
