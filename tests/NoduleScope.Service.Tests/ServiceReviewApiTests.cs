using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NoduleScope.Pipeline.Review;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Service.Review;

namespace NoduleScope.Service.Tests;

/// <summary>
/// The review API as the service serves it (no browser): the page is open to all, its data only with the API key;
/// the worklist names the patient in the body; slices come from the stored series; actions are recorded under the
/// key's name in the study's trail and regenerate the report in the job's results; the report link works without
/// the key for its study only.
/// </summary>
public sealed class ServiceReviewApiTests(ProcessedStudyFixture service) : IClassFixture<ProcessedStudyFixture>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_page_is_anonymous_and_carries_the_csp_while_its_data_needs_the_key()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(service.BaseUrl) };
        var redirect = await anonymous.GetAsync("/review", ct);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/review/", redirect.Headers.Location?.OriginalString);

        if (ReviewWebRoot.Find() is not null)
        {
            var page = await anonymous.GetAsync("/review/", ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("src=\"review.js\"", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            Assert.Equal(ReviewPage.PageCsp, page.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/review/review.js", ct)).StatusCode);
        }

        foreach (string path in new[] { "/api/review/session", "/api/review/studies", "/api/review/studies/" + new string('a', 32) + "/slices/0" })
        {
            var refused = await anonymous.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.StartsWith("Bearer", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal(ReviewPage.PageCsp, refused.Headers.GetValues("Content-Security-Policy").Single());
        }

        var post = await anonymous.PostAsJsonAsync("/api/review/studies/" + new string('a', 32) + "/findings/1/actions", new { action = "reject" }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }

    [Fact]
    public async Task A_reviewer_with_a_key_sees_the_study_its_slices_and_records_actions_under_the_keys_name()
    {
        Assert.True(service.Failure is null, service.Failure);
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ProcessedStudyFixture.Key);

        using var session = JsonDocument.Parse(await http.GetStringAsync("/api/review/session", ct));
        Assert.Equal("tests", session.RootElement.GetProperty("user").GetString());

        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/review/studies", ct));
        var row = Assert.Single(list.RootElement.EnumerateArray());
        string id = row.GetProperty("id").GetString()!;
        Assert.Equal(32, id.Length);
        Assert.Equal("Doe Jane · PAT-4711 · 2024-01-01 · Synthetic chest CT", row.GetProperty("label").GetString());
        Assert.Equal("pending", row.GetProperty("status").GetString());

        using var detail = JsonDocument.Parse(await http.GetStringAsync($"/api/review/studies/{id}", ct));
        int[] size = [.. detail.RootElement.GetProperty("volume").GetProperty("size").EnumerateArray().Select(e => e.GetInt32())];
        Assert.Equal([160, 160, 100], size);
        Assert.Equal(JsonValueKind.Null, detail.RootElement.GetProperty("comparison").ValueKind);
        var findings = detail.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        int findingId = findings[0].GetProperty("id").GetInt32();

        // The slice through the first finding's centre, from the stored series: the nodule is denser than the lung.
        var centre = findings[0].GetProperty("centerVoxel").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        byte[] slice = await http.GetByteArrayAsync($"/api/review/studies/{id}/slices/{(int)Math.Round(centre[2])}", ct);
        Assert.Equal(160 * 160 * 2, slice.Length);
        short hu = BitConverter.ToInt16(slice, (((int)Math.Round(centre[1]) * 160) + (int)Math.Round(centre[0])) * 2);
        Assert.True(hu > -300, $"the finding's centre voxel is {hu} HU on the served slice");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/review/studies/{id}/slices/100", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/review/studies/{new string('b', 32)}", ct)).StatusCode);

        var rejected = await http.PostAsJsonAsync($"/api/review/studies/{id}/findings/{findingId}/actions", new { action = "reject" }, ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var trail = ReviewTrail.Open(new StorageRoot(service.StoragePath).ReviewTrailFile(id)).Actions;
        var action = Assert.Single(trail);
        Assert.Equal((findingId, "reject", "tests"), (action.FindingId, action.Action, action.User));
        var results = await http.GetFromJsonAsync<List<string>>($"/api/studies/{id}/results", Web, ct);
        Assert.Contains("reviewed/report.html", results!);
        Assert.Contains("reviewed/dicom/SR.dcm", results!);

        using var link = JsonDocument.Parse(await (await http.PostAsync($"/api/review/studies/{id}/report-link", null, ct)).Content.ReadAsStringAsync(ct));
        string url = link.RootElement.GetProperty("url").GetString()!;
        Assert.Matches("^/review/report/[0-9a-f]{48}$", url);
        using var anonymous = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var report = await anonymous.GetAsync(url, ct);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(ReviewPage.ReportCsp, report.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains($"rejected and left out (#{findingId})", await report.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/review/report/" + new string('f', 48), ct)).StatusCode);

        // Pairings need a comparison with a prior exam, which a first exam has not.
        var pairs = await http.PutAsync($"/api/review/studies/{id}/pairs", new StringContent("{\"pairs\": []}", System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Conflict, pairs.StatusCode);
    }
}
