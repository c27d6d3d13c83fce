using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Pipeline.Workers;

namespace NoduleScope.Pipeline.Tests;

/// <summary>The worker loop on the SQLite queue: results per attempt, permanent and retried failures, lost leases.</summary>
public sealed class JobWorkerTests : IAsyncLifetime
{
    private readonly TestFolder folder = new();
    private readonly ManualClock clock = new();
    private SqliteJobQueue queue = null!;
    private StorageRoot storage = null!;

    public async ValueTask InitializeAsync()
    {
        storage = new StorageRoot(folder["store"]);
        queue = new SqliteJobQueue(folder["store/queue.db"], new JobQueueOptions { ModelVersion = "v1", LeaseDuration = TimeSpan.FromSeconds(30) }, clock);
        await queue.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task A_processed_job_is_done_with_its_result_folder_and_its_files_queued_for_the_pacs()
    {
        string jobId = await QueueStudyAsync();
        var processor = new RecordingProcessor(TimeSpan.Zero);
        Assert.True(await Worker(processor).RunOnceAsync(CancellationToken.None));
        Assert.False(await Worker(processor).RunOnceAsync(CancellationToken.None));

        var job = (await queue.GetJobAsync(jobId))!;
        Assert.Equal(JobState.Done, job.State);
        Assert.Equal($"results/{jobId}/1", job.ResultPath);
        Assert.True(File.Exists(storage.Resolve(job.ResultPath + "/dicom/SR.dcm")));
        var send = Assert.Single(await queue.GetSendsAsync(jobId));
        Assert.Equal($"results/{jobId}/1/dicom/SR.dcm", send.File);
        Assert.Equal("PACS@127.0.0.1:104", send.Destination);
        Assert.Equal(2, Assert.Single(processor.Processed).InstanceCount);
    }

    [Fact]
    public async Task An_input_problem_fails_the_job_for_good_and_leaves_no_result_folder()
    {
        string jobId = await QueueStudyAsync();
        await Worker(new RecordingProcessor(TimeSpan.Zero, _ => new StudyInputException("no usable CT series: modality MR, not CT"))).RunOnceAsync(CancellationToken.None);
        var job = (await queue.GetJobAsync(jobId))!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("no usable CT series: modality MR, not CT", job.LastError);
        Assert.False(Directory.Exists(Path.Combine(storage.ResultsDirectory, jobId, "1")));
    }

    [Fact]
    public async Task An_unexpected_error_is_retried_later()
    {
        string jobId = await QueueStudyAsync();
        await Worker(new RecordingProcessor(TimeSpan.Zero, _ => new IOException("read error"))).RunOnceAsync(CancellationToken.None);
        var job = (await queue.GetJobAsync(jobId))!;
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal("IOException: read error", job.LastError);
        Assert.True(job.AvailableAt > clock.GetUtcNow());
    }

    [Fact]
    public async Task A_worker_whose_lease_was_taken_over_discards_its_result()
    {
        string jobId = await QueueStudyAsync();
        var gate = new TaskCompletionSource();
        var stalled = new BlockingProcessor(gate.Task);
        var first = Task.Run(() => Worker(stalled, "stalled").RunOnceAsync(CancellationToken.None));
        await stalled.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Another machine, whose clock is past the lease, takes the job over.
        var later = new ManualClock();
        later.Advance(clock.GetUtcNow() - later.GetUtcNow() + TimeSpan.FromSeconds(31));
        await using var other = new SqliteJobQueue(folder["store/queue.db"], queue.Options, later);
        var takeover = await other.ClaimJobAsync("other");
        Assert.NotNull(takeover);

        gate.SetResult();
        await first;
        Assert.False(Directory.Exists(Path.Combine(storage.ResultsDirectory, jobId, "1")));
        var job = (await queue.GetJobAsync(jobId))!;
        Assert.Equal((JobState.Processing, "other", 2), (job.State, job.LeaseOwner, job.Attempts));
        await other.CompleteJobAsync(takeover, $"results/{jobId}/2", [], null);
        Assert.Equal(JobState.Done, (await queue.GetJobAsync(jobId))!.State);
    }

    private JobWorker Worker(IJobProcessor processor, string id = "w0") =>
        new(queue, processor, storage, new JobWorkerOptions { WorkerId = id, Destination = "PACS@127.0.0.1:104" });

    private async Task<string> QueueStudyAsync()
    {
        foreach (string n in new[] { "1", "2" })
        {
            await queue.RecordInstanceAsync(new ReceivedInstance("1.2.3." + n, "1.2.840.10008.5.1.4.1.1.2", "1.2.3", "1.2.3.0", $"instances/{n}.dcm", n + "ab", 1, "SCU"));
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        return Assert.Single(await queue.CloseIdleStudiesAsync(TimeSpan.FromSeconds(10))).JobId;
    }

    /// <summary>Writes its result only when released, to stand for a worker stalled mid-processing.</summary>
    private sealed class BlockingProcessor(Task release) : IJobProcessor
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<string>> ProcessAsync(ClaimedJob job, IReadOnlyList<string> instancePaths, string resultFolder, CancellationToken cancellationToken)
        {
            Started.SetResult();
            await release;
            await File.WriteAllTextAsync(Path.Combine(resultFolder, "findings.json"), "{}", CancellationToken.None);
            return [];
        }
    }
}
