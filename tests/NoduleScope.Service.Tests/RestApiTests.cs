using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NoduleScope.Dicom;
using NoduleScope.Service.Api;

namespace NoduleScope.Service.Tests;

/// <summary>The REST API over one received and processed study: authentication, opaque ids, states and events, findings, downloads.</summary>
public sealed class RestApiTests(ProcessedStudyFixture service) : IClassFixture<ProcessedStudyFixture>
{
    [Theory]
    [InlineData("/api/studies")]
    [InlineData("/api/jobs")]
    [InlineData("/metrics")]
    public async Task Without_a_valid_key_the_api_answers_401(string path)
    {
        using var anonymous = Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        using var wrong = Client("not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(path)).StatusCode);
        using var right = Client(ProcessedStudyFixture.Key);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_key_is_also_accepted_in_x_api_key_and_health_and_the_openapi_document_need_none()
    {
        using var http = Client(null);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/studies");
        request.Headers.Add("X-Api-Key", ProcessedStudyFixture.Key);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        Assert.Equal("ok", (await http.GetFromJsonAsync<HealthReport>("/health"))!.Status);

        using var openApi = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = openApi.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/studies", paths);
        Assert.Contains("/api/studies/{id}", paths);
        Assert.Contains("/api/studies/{id}/findings", paths);
        Assert.Contains("/api/studies/{id}/results/{file}", paths);
        Assert.Contains("/api/jobs", paths);
        Assert.Contains("/api/jobs/{id}", paths);
        Assert.Contains("/health", paths);
        Assert.Contains("/metrics", paths);
    }

    [Fact]
    public async Task The_study_and_its_job_are_listed_under_opaque_ids_with_every_state_change()
    {
        using var http = Ready();
        var study = Assert.Single((await http.GetFromJsonAsync<List<StudySummary>>("/api/studies"))!);
        Assert.Matches("^[0-9a-f]{32}$", study.Id);
        Assert.Equal("closed", study.State);
        Assert.Equal(100, study.InstanceCount);
        string raw = await http.GetStringAsync("/api/studies");
        Assert.DoesNotContain("Doe", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("PAT-4711", raw, StringComparison.Ordinal);

        var detail = (await http.GetFromJsonAsync<StudyDetail>($"/api/studies/{study.Id}"))!;
        var job = Assert.Single(detail.Jobs);
        Assert.Equal("done", job.State);
        Assert.Contains("findings.json", detail.Results);
        Assert.Contains("dicom/SR.dcm", detail.Results);
        Assert.Contains("dicom/SEG.dcm", detail.Results);

        var jobDetail = (await http.GetFromJsonAsync<JobDetail>($"/api/jobs/{job.Id}"))!;
        Assert.Equal(["received", "queued", "processing", "done"], jobDetail.Events.Select(e => e.To));
        Assert.Equal(2, jobDetail.Sends.Count);
        Assert.All(jobDetail.Sends, s => Assert.Equal(("sent", "0x0000"), (s.State, s.LastStatus)));
        Assert.All(jobDetail.Sends, s => Assert.True(Assert.Single(s.History).Succeeded));
        Assert.Equal(job.Id, Assert.Single((await http.GetFromJsonAsync<List<JobSummary>>("/api/jobs?state=done"))!).Id);
        Assert.Empty((await http.GetFromJsonAsync<List<JobSummary>>("/api/jobs?state=queued"))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/jobs?state=finished")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/jobs/0123456789abcdef0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/studies/1.2.840.1")).StatusCode);
    }

    [Fact]
    public async Task Findings_and_result_files_download_and_no_other_path_can_be_reached()
    {
        using var http = Ready();
        string id = (await http.GetFromJsonAsync<List<StudySummary>>("/api/studies"))![0].Id;
        using var findings = JsonDocument.Parse(await http.GetStringAsync($"/api/studies/{id}/findings"));
        Assert.NotEqual(0, findings.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal("study/" + id, findings.RootElement.GetProperty("input").GetProperty("path").GetString());

        var response = await http.GetAsync($"/api/studies/{id}/results/dicom/SR.dcm");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        byte[] sr = await response.Content.ReadAsByteArrayAsync();
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".dcm");
        await File.WriteAllBytesAsync(path, sr);
        try
        {
            Assert.Equal("SR", DicomFile.OpenHeader(path).Dataset.GetString(DicomTags.Modality));
        }
        finally
        {
            File.Delete(path);
        }

        foreach (string attempt in new[] { "../../queue.db", "..%2F..%2Fqueue.db", "%2Fetc%2Fpasswd", "dicom/../../../queue.db", "nothing.json" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/studies/{id}/results/{attempt}")).StatusCode);
        }
    }

    [Fact]
    public async Task The_sr_and_seg_reached_the_pacs_and_metrics_count_them()
    {
        using var http = Ready();
        Assert.Equal(["1.2.840.10008.5.1.4.1.1.66.4", "1.2.840.10008.5.1.4.1.1.88.34"], service.PacsReceived.Values.Order(StringComparer.Ordinal));
        string metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("nodulescope_jobs{state=\"done\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("nodulescope_sends{state=\"sent\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("nodulescope_instances_received_total{outcome=\"new\"} 100\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE nodulescope_job_processing_seconds_total counter", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairings_need_a_key_a_known_study_with_a_comparison_and_a_valid_document()
    {
        using var http = Ready();
        var study = Assert.Single((await http.GetFromJsonAsync<List<StudySummary>>("/api/studies"))!);
        using var anonymous = Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync($"/api/studies/{study.Id}/pairs", Json("{\"pairs\": []}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsync($"/api/studies/{new string('0', 32)}/pairs", Json("{\"pairs\": []}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsync("/api/studies/not-an-id/pairs", Json("{\"pairs\": []}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/studies/{study.Id}/pairs")).StatusCode);

        // This patient has no prior exam: there is nothing to pair with.
        var conflict = await http.PutAsync($"/api/studies/{study.Id}/pairs", Json("{\"pairs\": [{\"prior\": 1, \"current\": 1}]}"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("no comparison", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private HttpClient Ready()
    {
        Assert.True(service.Failure is null, service.Failure);
        return Client(ProcessedStudyFixture.Key);
    }

    private HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }
}
