using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Network;
using NoduleScope.Dicom.Network.Storage;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Reporting.Findings;
using NoduleScope.Service.Configuration;
using NoduleScope.Service.Hosting;
using NoduleScope.TestSupport;

namespace NoduleScope.Service.Tests;

/// <summary>
/// Priors from the PACS, with Orthanc (Debian) as the PACS: our SCU's study-level C-FIND and C-MOVE against it, and
/// the service asking it for the prior of a follow-up study that arrives alone, then comparing the two.
/// </summary>
public sealed class PacsPriorFetchTests : IDisposable
{
    private const string PatientId = "NS-PRIOR-FETCH";
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Our_scu_finds_a_patients_studies_in_orthanc_and_moves_one_to_our_receiver()
    {
        int receiverPort = Tools.FreePort();
        await using var orthanc = await OrthancServer.StartAsync(folder["orthanc"], "nodulescope", TestConfigs.Ae, receiverPort);
        var phantom = SyntheticChestPhantom.Create(96, 24, 3.0, 5);
        var priorFiles = DicomSeriesWriter.Write(phantom, folder["prior"], new DicomSeriesWriterOptions { Seed = "fetch-prior", PatientId = PatientId, StudyDate = new DateOnly(2024, 3, 1) });
        await orthanc.UploadAsync(priorFiles);
        await orthanc.UploadAsync(DicomSeriesWriter.Write(phantom, folder["other"], new DicomSeriesWriterOptions { Seed = "fetch-other", PatientId = "SOMEONE-ELSE", StudyDate = new DateOnly(2024, 2, 1) }));
        string priorUid = DicomFile.Open(priorFiles[0]).Dataset.GetString(DicomTags.StudyInstanceUID)!;

        int received = 0;
        await using var receiver = new DicomServer(new DicomServerOptions
        {
            AeTitle = TestConfigs.Ae,
            BindAddress = IPAddress.Loopback,
            Port = receiverPort,
            AccessControl = new DicomAccessControl { AllowedPeers = [new DicomAllowedPeer(OrthancServer.AeTitle, IPAddress.Loopback)] },
            MinimumFreeDiskBytes = 0,
        }, new FileSystemStoreHandler(new FileSystemStoreOptions { RootDirectory = folder["received"], MinimumFreeBytes = 0 }, (_, _) =>
        {
            Interlocked.Increment(ref received);
            return ValueTask.CompletedTask;
        }));
        receiver.Start();

        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = orthanc.DicomPort, CallingAeTitle = TestConfigs.Ae, CalledAeTitle = OrthancServer.AeTitle });
        var matches = await client.FindStudiesAsync(new DicomDataset()
            .AddString(DicomTags.PatientID, PatientId)
            .AddString(DicomTags.StudyDate, string.Empty)
            .AddString(DicomTags.StudyInstanceUID, string.Empty)
            .AddString(DicomTags.ModalitiesInStudy, string.Empty), cancellationToken: TestContext.Current.CancellationToken);
        var match = Assert.Single(matches);
        Assert.Equal(priorUid, match.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal("20240301", match.GetString(DicomTags.StudyDate));
        Assert.Contains("CT", match.GetStrings(DicomTags.ModalitiesInStudy));
        Assert.Empty(await client.FindStudiesAsync(new DicomDataset().AddString(DicomTags.PatientID, "NOBODY"), cancellationToken: TestContext.Current.CancellationToken));

        var moved = await client.MoveStudyAsync(priorUid, TestConfigs.Ae, TestContext.Current.CancellationToken);
        Assert.True(moved.Status.IsSuccess, $"C-MOVE answered {moved.Status}\n{orthanc.Log}");
        Assert.Equal((priorFiles.Count, 0), (moved.Completed, moved.Failed));
        Assert.Equal(priorFiles.Count, received);
    }

    [Fact]
    public async Task The_service_fetches_the_prior_of_a_follow_up_from_the_pacs_and_compares_them()
    {
        var ct = TestContext.Current.CancellationToken;
        int receiverPort = Tools.FreePort();
        await using var orthanc = await OrthancServer.StartAsync(folder["orthanc"], "nodulescope", TestConfigs.Ae, receiverPort);
        var (prior, current, _) = GrowingNodulePhantoms.Create(160, 80, 1.5);
        await orthanc.UploadAsync(DicomSeriesWriter.Write(prior, folder["prior"], new DicomSeriesWriterOptions { Seed = "pacs-prior", PatientId = PatientId, StudyDate = new DateOnly(2024, 1, 1) }));

        var config = TestConfigs.Loopback(folder["store"], receiverPort, 0, "TESTSCU@127.0.0.1", $"{OrthancServer.AeTitle}@127.0.0.1") with
        {
            Pacs = new PacsSettings { Host = "127.0.0.1", Port = orthanc.DicomPort, AeTitle = OrthancServer.AeTitle, Send = "sr", FetchPriors = true, RetryBaseSeconds = 1, RetryMaxSeconds = 5 },
            Processing = new ProcessingSettings { Outputs = "sr" },
        };
        await using var app = await ServiceHost.BuildAsync(config, logging => logging.ClearProviders(), runningAsRoot: false, cancellationToken: ct);
        await app.StartAsync(ct);
        var queue = app.Services.GetRequiredService<IJobQueue>();
        var storage = app.Services.GetRequiredService<StorageRoot>();

        // Only the follow-up is sent; the prior is in the PACS alone.
        var files = DicomSeriesWriter.Write(current, folder["current"], new DicomSeriesWriterOptions { Seed = "pacs-current", PatientId = PatientId, StudyDate = new DateOnly(2025, 1, 1) });
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = receiverPort, CallingAeTitle = "TESTSCU", CalledAeTitle = TestConfigs.Ae });
        Assert.All(await client.StoreAsync(files, ct), r => Assert.True(r.Succeeded, r.ToString()));
        string currentUid = DicomFile.Open(files[0]).Dataset.GetString(DicomTags.StudyInstanceUID)!;

        // The follow-up alone (asks the PACS), the prior it fetched, and the follow-up again, compared with it.
        string? comparisonPath = null;
        await Tools.WaitUntilAsync(async () =>
        {
            var stats = await queue.GetStatisticsAsync(ct);
            Assert.Equal(0, stats.Jobs[JobState.Failed] + stats.Jobs[JobState.DeadLetter]);
            var study = await queue.FindStudyByUidAsync(currentUid, ct);
            var done = study is null ? null : (await queue.ListJobsAsync(JobState.Done, study.Id, 1, cancellationToken: ct)).FirstOrDefault();
            comparisonPath = done?.ResultPath is { } path ? Path.Combine(storage.Resolve(path), "comparison.json") : null;
            return comparisonPath is not null && File.Exists(comparisonPath);
        }, TimeSpan.FromMinutes(4), "the follow-up to be compared with the prior fetched from the PACS", () => orthanc.Log);

        var comparison = ComparisonJson.Read(comparisonPath!);
        Assert.Equal("2024-01-01", comparison.Prior.StudyDate);
        Assert.Contains(comparison.Pairs, p => p.Status == "growing");
        Assert.Equal(2, (await queue.ListStudiesAsync(10, cancellationToken: ct)).Count);

        // The first processing of the follow-up said what it asked the PACS for.
        var studyId = (await queue.FindStudyByUidAsync(currentUid, ct))!.Id;
        var first = (await queue.ListJobsAsync(JobState.Done, studyId, 10, cancellationToken: ct)).OrderBy(j => j.CreatedAt).First();
        var firstFindings = FindingsJson.Read(Path.Combine(storage.Resolve(first.ResultPath!), "findings.json"));
        Assert.Contains(firstFindings.Warnings, w => w.StartsWith("prior study of 2024-01-01 retrieved from the PACS (C-MOVE, 80 instances)", StringComparison.Ordinal));
        await app.StopAsync(ct);
    }
}
