using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Pipeline.Workers;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;
using NoduleScope.Reporting.Sr;
using NoduleScope.TestSupport;

namespace NoduleScope.Pipeline.Tests;

/// <summary>
/// The service's comparison with priors: a study whose patient (same PatientID) has an earlier processed study is
/// compared with it, and its findings.json, comparison.json, SR and report carry the change; a study of another
/// patient or without an earlier study is not compared.
/// </summary>
public sealed class PriorComparisonTests : IAsyncLifetime
{
    private readonly TestFolder folder = new();
    private SqliteJobQueue queue = null!;
    private StorageRoot storage = null!;

    public async ValueTask InitializeAsync()
    {
        storage = new StorageRoot(folder["store"]);
        queue = new SqliteJobQueue(folder["store/queue.db"], new JobQueueOptions { ModelVersion = "v1", LeaseDuration = TimeSpan.FromMinutes(10) });
        await queue.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_follow_up_study_is_compared_with_the_patients_prior_and_its_results_show_the_growth()
    {
        var (prior, current, grown) = GrowingNodulePhantoms.Create(160, 80, 1.5);
        var worker = new JobWorker(queue, Processor(), storage, new JobWorkerOptions { WorkerId = "w0" });

        string priorJob = await ReceiveAsync(prior, "prior", "NS-FOLLOW-UP", new DateOnly(2024, 1, 1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        string otherJob = await ReceiveAsync(prior, "other", "NS-SOMEONE-ELSE", new DateOnly(2024, 6, 1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        string currentJob = await ReceiveAsync(current, "current", "NS-FOLLOW-UP", new DateOnly(2025, 1, 1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));

        foreach (string baseline in new[] { priorJob, otherJob })
        {
            string results = await ResultFolderAsync(baseline);
            Assert.False(File.Exists(Path.Combine(results, "comparison.json")), "a first exam of its patient is not compared");
            Assert.All(FindingsJson.Read(Path.Combine(results, "findings.json")).Findings, f => Assert.Null(f.Prior));
        }

        string folderOfCurrent = await ResultFolderAsync(currentJob);
        var comparison = ComparisonJson.Read(Path.Combine(folderOfCurrent, "comparison.json"));
        Assert.Equal(366, comparison.IntervalDays);
        Assert.Equal("study/" + (await queue.GetJobAsync(priorJob))!.StudyId, comparison.Prior.Path);
        var pair = Assert.Single(comparison.Pairs, p => p.Current is { } c && (new Vector3D(c.CenterWorld[0], c.CenterWorld[1], c.CenterWorld[2]) - grown).Length < 4);
        Assert.Equal("growing", pair.Status);

        var findings = FindingsJson.Read(Path.Combine(folderOfCurrent, "findings.json"));
        var grownFinding = findings.Findings.Single(f => f.Id == pair.Current!.FindingId);
        Assert.Equal("growing", grownFinding.Prior!.Status);
        Assert.True(File.Exists(Path.Combine(folderOfCurrent, "prior-findings.json")));

        var sr = MeasurementReportReader.Read(DicomFile.Open(Path.Combine(folderOfCurrent, "dicom", "SR.dcm")).Dataset);
        var reported = sr.Nodules.Single(n => n.TrackingIdentifier == Reporting.Dicom.NoduleTracking.Identifier(grownFinding.Id));
        Assert.Equal("growing", reported.ChangeSincePrior);
        Assert.Equal(366, reported.IntervalSincePriorDays);
        Assert.Equal(grownFinding.Prior.PriorMeanDiameterMm!.Value, reported.PriorMeanDiameterMm!.Value, 3);
        Assert.True(reported.VolumeDoublingTimeDays > 0);

        string report = await File.ReadAllTextAsync(Path.Combine(folderOfCurrent, "report.html"));
        Assert.Contains("Comparison with the prior exam of 2024-01-01", report, StringComparison.Ordinal);
        Assert.Contains($"{Reporting.Dicom.NoduleTracking.Identifier(grownFinding.Id)} on the prior exam", report, StringComparison.Ordinal);
        Assert.Contains("growing", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prior_that_arrives_after_its_follow_up_gets_the_follow_up_compared_again()
    {
        var (prior, current, grown) = GrowingNodulePhantoms.Create(160, 80, 1.5);
        var worker = new JobWorker(queue, Processor(), storage, new JobWorkerOptions { WorkerId = "w0" });

        string firstCurrentJob = await ReceiveAsync(current, "current", "NS-LATE-PRIOR", new DateOnly(2025, 1, 1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(await ResultFolderAsync(firstCurrentJob), "comparison.json")), "no prior yet");

        string priorJob = await ReceiveAsync(prior, "prior", "NS-LATE-PRIOR", new DateOnly(2024, 1, 1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None), "the follow-up is queued again once its prior is done");
        Assert.False(await worker.RunOnceAsync(CancellationToken.None), "and only once");

        string studyId = (await queue.GetJobAsync(firstCurrentJob))!.StudyId;
        var jobs = await queue.ListJobsAsync(null, studyId, 10);
        Assert.Equal(2, jobs.Count);
        var again = jobs.Single(j => j.Id != firstCurrentJob);
        Assert.Equal("comparison", (await queue.GetJobEventsAsync(again.Id))[0].Actor);
        var comparison = ComparisonJson.Read(Path.Combine(await ResultFolderAsync(again.Id), "comparison.json"));
        Assert.Equal("study/" + (await queue.GetJobAsync(priorJob))!.StudyId, comparison.Prior.Path);
        Assert.Equal("growing", Assert.Single(comparison.Pairs, p => p.Current is { } c && (new Vector3D(c.CenterWorld[0], c.CenterWorld[1], c.CenterWorld[2]) - grown).Length < 4).Status);
    }

    [Fact]
    public async Task The_users_pairings_are_applied_when_the_study_is_processed_again()
    {
        var (prior, current, grown) = GrowingNodulePhantoms.Create(160, 80, 1.5);
        var worker = new JobWorker(queue, Processor(), storage, new JobWorkerOptions { WorkerId = "w0" });
        await ReceiveAsync(prior, "prior", "NS-PAIRS", new DateOnly(2024, 1, 1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        string currentJob = await ReceiveAsync(current, "current", "NS-PAIRS", new DateOnly(2025, 1, 1));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));
        var automatic = ComparisonJson.Read(Path.Combine(await ResultFolderAsync(currentJob), "comparison.json"));
        var grownPair = Assert.Single(automatic.Pairs, p => p.Current is { } c && (new Vector3D(c.CenterWorld[0], c.CenterWorld[1], c.CenterWorld[2]) - grown).Length < 4);
        int currentId = grownPair.Current!.FindingId!.Value;
        int priorId = grownPair.Prior!.FindingId!.Value;

        // The radiologist says the grown nodule is not the prior one: it is new, and the prior one resolved.
        string studyId = (await queue.GetJobAsync(currentJob))!.StudyId;
        string pairs = storage.PairOverridesFile(studyId);
        Directory.CreateDirectory(Path.GetDirectoryName(pairs)!);
        await File.WriteAllTextAsync(pairs, $"{{\"pairs\": [{{\"current\": {currentId}}}, {{\"prior\": {priorId}, \"current\": null}}]}}");
        string? again = await queue.RequeueForPairsAsync(studyId, "digest-1", "api:dr.smith");
        Assert.NotNull(again);
        Assert.Null(await queue.RequeueForPairsAsync(studyId, "digest-1", "api:dr.smith"));
        Assert.True(await worker.RunOnceAsync(CancellationToken.None));

        Assert.Equal("api:dr.smith", (await queue.GetJobEventsAsync(again))[0].Actor);
        var overridden = ComparisonJson.Read(Path.Combine(await ResultFolderAsync(again), "comparison.json"));
        var asNew = Assert.Single(overridden.Pairs, p => p.Current?.FindingId == currentId);
        Assert.Equal("new", asNew.Status);
        Assert.Null(asNew.Prior);
        var link = FindingsJson.Read(Path.Combine(await ResultFolderAsync(again), "findings.json")).Findings.Single(f => f.Id == currentId).Prior!;
        Assert.Equal(("new", (int?)null), (link.Status, link.PriorFindingId));
    }

    private StudyJobProcessor Processor() =>
        new(new StudyProcessor(new StudyProcessorOptions { Outputs = OutputKinds.Sr | OutputKinds.Html }), OutputKinds.None, new PriorStudyFinder(queue, storage));

    /// <summary>Writes the volume as a DICOM study into the storage root, records its instances and closes the study; returns its job.</summary>
    private async Task<string> ReceiveAsync(CtVolume volume, string name, string patientId, DateOnly date)
    {
        var files = DicomSeriesWriter.Write(volume, Path.Combine(storage.FullPath, "instances", name), new DicomSeriesWriterOptions { Seed = name, PatientId = patientId, StudyDate = date });
        foreach (string file in files)
        {
            var header = DicomFile.OpenHeader(file).Dataset;
            await queue.RecordInstanceAsync(new ReceivedInstance(header.GetString(DicomTags.SOPInstanceUID)!, header.GetString(DicomTags.SOPClassUID)!, header.GetString(DicomTags.StudyInstanceUID)!,
                header.GetString(DicomTags.SeriesInstanceUID)!, storage.Relative(file), name + Path.GetFileName(file), new FileInfo(file).Length, "SCU"));
        }

        var closed = Assert.Single(await queue.CloseIdleStudiesAsync(TimeSpan.Zero));
        return closed.JobId;
    }

    private async Task<string> ResultFolderAsync(string jobId)
    {
        var job = (await queue.GetJobAsync(jobId))!;
        Assert.Equal(JobState.Done, job.State);
        return storage.Resolve(job.ResultPath!);
    }
}
