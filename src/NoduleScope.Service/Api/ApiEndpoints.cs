using Microsoft.AspNetCore.Http.HttpResults;
using NoduleScope.Dicom.Network;
using NoduleScope.Pipeline;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Service.Configuration;
using NoduleScope.Service.Hosting;

namespace NoduleScope.Service.Api;

/// <summary>
/// The REST API. Every endpoint but /health and the OpenAPI document requires authentication (the fallback policy).
/// Study and job ids are opaque random strings: no patient data in URLs or logs.
/// </summary>
public static class ApiEndpoints
{
    private const int DefaultLimit = 100;

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", HealthAsync).AllowAnonymous().WithSummary("Liveness and readiness: queue reachable, receiver listening, disk space above the minimum");
        app.MapGet("/metrics", MetricsAsync).WithSummary("Prometheus text exposition");

        var api = app.MapGroup("/api");
        api.MapGet("/studies", ListStudiesAsync).WithSummary("Studies, most recently received first");
        api.MapGet("/studies/{id}", GetStudyAsync).WithSummary("One study with its jobs and the names of its result files");
        api.MapGet("/studies/{id}/findings", GetFindingsAsync).WithSummary("findings.json of the study's latest processing");
        api.MapGet("/studies/{id}/results", ListResultsAsync).WithSummary("Names of the study's result files");
        api.MapGet("/studies/{id}/results/{*file}", GetResultAsync).WithSummary("Download one result file (a name from the results list)");
        api.MapGet("/studies/{id}/pairs", PairOverridesEndpoint.GetAsync).WithSummary("The user's pairings of the study's nodules with its prior exam (pairs.json), if any");
        api.MapPut("/studies/{id}/pairs", PairOverridesEndpoint.PutAsync).WithSummary("Set the pairings with the prior exam (pairs.json, docs/comparison.md); the study is processed again with them");
        api.MapGet("/jobs", ListJobsAsync).WithSummary("Jobs, newest first; filter by state (received, queued, processing, done, failed, dead_letter) or study");
        api.MapGet("/jobs/{id}", GetJobAsync).WithSummary("One job with every recorded state change and its sends to the PACS");
    }

    internal static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);

    private static async Task<IResult> HealthAsync(IJobQueue queue, DicomReceiver receiver, ServiceConfiguration config, StorageRoot storage, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            await queue.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problems.Add("queue unreachable: " + e.GetType().Name);
        }

        if (config.Dicom.Enabled && !receiver.Listening)
        {
            problems.Add("DICOM receiver not listening");
        }

        if (DiskSpace.Available(storage.FullPath) < config.Storage.MinimumFreeBytes)
        {
            problems.Add("disk nearly full: new associations are refused");
        }

        var report = new HealthReport(problems.Count == 0 ? "ok" : "degraded", problems);
        return problems.Count == 0 ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> MetricsAsync(IJobQueue queue, PipelineCounters counters, DicomReceiver receiver, StorageRoot storage, CancellationToken cancellationToken)
    {
        var stats = await queue.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(MetricsWriter.Write(stats, counters, receiver.ActiveAssociations, DiskSpace.Available(storage.FullPath)), MetricsWriter.ContentType);
    }

    private static async Task<Ok<List<StudySummary>>> ListStudiesAsync(IJobQueue queue, int? limit, int? offset, CancellationToken cancellationToken)
    {
        var studies = await queue.ListStudiesAsync(limit ?? DefaultLimit, offset ?? 0, cancellationToken).ConfigureAwait(false);
        var views = new List<StudySummary>(studies.Count);
        foreach (var s in studies)
        {
            var latest = (await queue.ListJobsAsync(null, s.Id, 1, cancellationToken: cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            views.Add(ApiViews.Study(s, latest));
        }

        return TypedResults.Ok(views);
    }

    private static async Task<Results<Ok<StudyDetail>, NotFound>> GetStudyAsync(string id, IJobQueue queue, StorageRoot storage, CancellationToken cancellationToken)
    {
        if (!IsId(id) || await queue.GetStudyAsync(id, cancellationToken).ConfigureAwait(false) is not { } study)
        {
            return TypedResults.NotFound();
        }

        var jobs = await queue.ListJobsAsync(null, id, 1000, cancellationToken: cancellationToken).ConfigureAwait(false);
        var resultJob = await ResultFiles.LatestResultJobAsync(queue, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new StudyDetail(ApiViews.Study(study, jobs.FirstOrDefault()), [.. jobs.Select(ApiViews.Job)], ResultFiles.List(storage, resultJob)));
    }

    private static async Task<IResult> GetFindingsAsync(string id, IJobQueue queue, StorageRoot storage, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return TypedResults.NotFound();
        }

        var job = await ResultFiles.LatestResultJobAsync(queue, id, cancellationToken).ConfigureAwait(false);
        string? path = ResultFiles.Find(storage, job, Pipeline.Processing.StudyProcessor.FindingsFileName);
        return path is null ? TypedResults.NotFound() : TypedResults.PhysicalFile(path, "application/json");
    }

    private static async Task<Results<Ok<IReadOnlyList<string>>, NotFound>> ListResultsAsync(string id, IJobQueue queue, StorageRoot storage, CancellationToken cancellationToken)
    {
        if (!IsId(id) || await queue.GetStudyAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.NotFound();
        }

        var job = await ResultFiles.LatestResultJobAsync(queue, id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ResultFiles.List(storage, job));
    }

    private static async Task<IResult> GetResultAsync(string id, string file, HttpResponse response, IJobQueue queue, StorageRoot storage, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return TypedResults.NotFound();
        }

        var job = await ResultFiles.LatestResultJobAsync(queue, id, cancellationToken).ConfigureAwait(false);
        if (ResultFiles.Find(storage, job, file) is not { } path)
        {
            return TypedResults.NotFound();
        }

        // Downloads are never rendered in the API's origin (the HTML report holds DICOM strings).
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        return TypedResults.PhysicalFile(path, ResultFiles.ContentType(path), Path.GetFileName(path));
    }

    private static async Task<Results<Ok<List<JobSummary>>, BadRequest<string>>> ListJobsAsync(IJobQueue queue, string? state, string? study, int? limit, int? offset, CancellationToken cancellationToken)
    {
        JobState? filter = null;
        if (state is not null)
        {
            if (!StateNames.TryParseJob(state, out var parsed))
            {
                return TypedResults.BadRequest("state must be one of received, queued, processing, done, failed, dead_letter");
            }

            filter = parsed;
        }

        if (study is not null && !IsId(study))
        {
            return TypedResults.Ok(new List<JobSummary>());
        }

        var jobs = await queue.ListJobsAsync(filter, study, limit ?? DefaultLimit, offset ?? 0, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(jobs.Select(ApiViews.Job).ToList());
    }

    private static async Task<Results<Ok<JobDetail>, NotFound>> GetJobAsync(string id, IJobQueue queue, StorageRoot storage, CancellationToken cancellationToken)
    {
        if (!IsId(id) || await queue.GetJobAsync(id, cancellationToken).ConfigureAwait(false) is not { } job)
        {
            return TypedResults.NotFound();
        }

        var events = await queue.GetJobEventsAsync(id, cancellationToken).ConfigureAwait(false);
        var sends = new List<SendView>();
        foreach (var s in await queue.GetSendsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var attempts = await queue.GetSendAttemptsAsync(s.Id, cancellationToken).ConfigureAwait(false);
            sends.Add(new SendView(s.Id, s.File, s.Destination, StateNames.Of(s.State), s.Attempts, s.MaxAttempts, s.LastStatus, s.LastError,
                [.. attempts.Select(a => new SendAttemptView(a.At, a.Succeeded, a.Status, a.Detail))]));
        }

        return TypedResults.Ok(new JobDetail(ApiViews.Job(job), [.. events.Select(ApiViews.Event)], ResultFiles.List(storage, job), sends));
    }
}
