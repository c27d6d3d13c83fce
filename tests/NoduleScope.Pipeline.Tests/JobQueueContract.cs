using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Pipeline.Tests;

/// <summary>
/// The behaviour every <see cref="IJobQueue"/> must have, run against each backend by a subclass: study assembly, the
/// job state machine with its recorded events, leases and their expiry, retries with back-off, dead-letter,
/// idempotency per (study, model version, content), the send outbox, and exclusive claims under concurrency.
/// </summary>
public abstract class JobQueueContract : IAsyncLifetime
{
    private const string Study = "1.2.826.0.1.3680043.10.9.1";
    private readonly List<IJobQueue> opened = [];

    protected ManualClock Clock { get; } = new();

    /// <summary>A new empty store (a file path, a database); clients opened on it share it.</summary>
    protected abstract Task<string> NewStoreAsync();

    protected abstract IJobQueue Open(string store, JobQueueOptions options, TimeProvider clock);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var q in opened)
        {
            await q.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task First_instance_opens_the_study_with_a_received_job_and_duplicates_change_nothing()
    {
        var q = await NewQueueAsync();
        var first = await q.RecordInstanceAsync(Instance("1", "aa"));
        Assert.Equal(InstanceOutcome.New, first.Outcome);
        Assert.False(first.ReopenedStudy);
        Assert.Equal(32, first.StudyId.Length);
        Assert.Equal(InstanceOutcome.Duplicate, (await q.RecordInstanceAsync(Instance("1", "aa"))).Outcome);
        Assert.Equal(InstanceOutcome.New, (await q.RecordInstanceAsync(Instance("2", "bb"))).Outcome);
        Assert.Equal(InstanceOutcome.Replaced, (await q.RecordInstanceAsync(Instance("2", "cc"))).Outcome);

        var study = await q.GetStudyAsync(first.StudyId);
        Assert.NotNull(study);
        Assert.Equal(Study, study.StudyInstanceUid);
        Assert.Equal(StudyState.Open, study.State);
        Assert.Equal(2, study.InstanceCount);
        Assert.Equal(first.StudyId, (await q.FindStudyByUidAsync(Study))?.Id);
        Assert.Null(await q.FindStudyByUidAsync(Study + ".9"));
        var job = Assert.Single(await q.ListJobsAsync(null, first.StudyId, 10));
        Assert.Equal(JobState.Received, job.State);
        var e = Assert.Single(await q.GetJobEventsAsync(job.Id));
        Assert.Null(e.From);
        Assert.Equal(JobState.Received, e.To);
        Assert.Equal(Clock.GetUtcNow(), e.At);
        Assert.Equal(2, (await q.GetStatisticsAsync()).Instances);
    }

    [Fact]
    public async Task A_study_closes_only_after_the_inactivity_timeout_and_its_job_is_queued_with_a_snapshot()
    {
        var q = await NewQueueAsync();
        string studyId = (await q.RecordInstanceAsync(Instance("1", "aa"))).StudyId;
        Clock.Advance(TimeSpan.FromSeconds(20));
        await q.RecordInstanceAsync(Instance("2", "bb"));
        Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Empty(await q.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30)));

        Clock.Advance(TimeSpan.FromSeconds(11));
        var closed = Assert.Single(await q.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(studyId, closed.StudyId);
        Assert.Equal(2, closed.InstanceCount);
        Assert.Null(closed.DuplicateOf);
        Assert.Empty(await q.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30)));

        var job = await q.GetJobAsync(closed.JobId);
        Assert.NotNull(job);
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(64, job.ContentDigest!.Length);
        Assert.Equal(["instances/1.dcm", "instances/2.dcm"], await q.GetJobInstancePathsAsync(closed.JobId));
        Assert.Equal(StudyState.Closed, (await q.GetStudyAsync(studyId))!.State);
        Assert.Equal([JobState.Received, JobState.Queued], (await q.GetJobEventsAsync(closed.JobId)).Select(e => e.To));
    }

    [Fact]
    public async Task A_job_goes_through_every_state_to_done_and_each_change_is_recorded_with_its_time()
    {
        var q = await NewQueueAsync();
        string jobId = await QueuedJobAsync(q);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var claimed = await q.ClaimJobAsync("worker-a");
        Assert.NotNull(claimed);
        Assert.Equal(jobId, claimed.JobId);
        Assert.Equal(1, claimed.Attempt);
        Assert.Null(await q.ClaimJobAsync("worker-b"));
        Assert.True(await q.HeartbeatAsync(claimed));

        Clock.Advance(TimeSpan.FromSeconds(5));
        await q.CompleteJobAsync(claimed, "results/x/1", ["results/x/1/dicom/SR.dcm", "results/x/1/dicom/SEG.dcm"], "PACS@127.0.0.1:104");
        var job = (await q.GetJobAsync(jobId))!;
        Assert.Equal(JobState.Done, job.State);
        Assert.Equal("results/x/1", job.ResultPath);
        Assert.Null(job.LeaseOwner);
        var events = await q.GetJobEventsAsync(jobId);
        Assert.Equal([JobState.Received, JobState.Queued, JobState.Processing, JobState.Done], events.Select(e => e.To));
        Assert.Equal(["receiver", "closer", "worker-a", "worker-a"], events.Select(e => e.Actor));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.At <= p.Second.At));
        Assert.Equal(events[2].At.AddSeconds(5), events[3].At);
        Assert.Equal(2, (await q.GetSendsAsync(jobId)).Count);
        Assert.False(await q.HeartbeatAsync(claimed));
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_after_a_growing_back_off_and_dead_letters_after_the_last()
    {
        var q = await NewQueueAsync(o => o with { MaxAttempts = 3, Retry = new RetryPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)) });
        string jobId = await QueuedJobAsync(q);

        var first = (await q.ClaimJobAsync("w"))!;
        Assert.Equal(JobState.Queued, await q.FailJobAsync(first, "disk error", permanent: false));
        Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(await q.ClaimJobAsync("w"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await q.ClaimJobAsync("w"))!;
        Assert.Equal(2, second.Attempt);
        Assert.Equal(JobState.Queued, await q.FailJobAsync(second, "disk error", permanent: false));
        Clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Null(await q.ClaimJobAsync("w"));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var third = (await q.ClaimJobAsync("w"))!;
        Assert.Equal(3, third.Attempt);
        Assert.Equal(JobState.DeadLetter, await q.FailJobAsync(third, "disk error", permanent: false));

        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await q.ClaimJobAsync("w"));
        var job = (await q.GetJobAsync(jobId))!;
        Assert.Equal(JobState.DeadLetter, job.State);
        Assert.Equal("disk error", job.LastError);
        Assert.Equal(
            [JobState.Received, JobState.Queued, JobState.Processing, JobState.Queued, JobState.Processing, JobState.Queued, JobState.Processing, JobState.DeadLetter],
            (await q.GetJobEventsAsync(jobId)).Select(e => e.To));
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried()
    {
        var q = await NewQueueAsync();
        string jobId = await QueuedJobAsync(q);
        var claimed = (await q.ClaimJobAsync("w"))!;
        Assert.Equal(JobState.Failed, await q.FailJobAsync(claimed, "no usable CT series", permanent: true));
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await q.ClaimJobAsync("w"));
        Assert.Equal(JobState.Failed, (await q.GetJobAsync(jobId))!.State);
    }

    [Fact]
    public async Task An_expired_lease_lets_another_worker_resume_the_job_and_fences_the_first()
    {
        var q = await NewQueueAsync(o => o with { LeaseDuration = TimeSpan.FromSeconds(30) });
        string jobId = await QueuedJobAsync(q);
        var stalled = (await q.ClaimJobAsync("worker-a"))!;
        Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await q.HeartbeatAsync(stalled));
        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await q.ClaimJobAsync("worker-b"));

        Clock.Advance(TimeSpan.FromSeconds(2));
        var resumed = await q.ClaimJobAsync("worker-b");
        Assert.NotNull(resumed);
        Assert.Equal(2, resumed.Attempt);
        Assert.False(await q.HeartbeatAsync(stalled));
        await Assert.ThrowsAsync<LeaseLostException>(() => q.CompleteJobAsync(stalled, "results/stale/1", [], null));
        await Assert.ThrowsAsync<LeaseLostException>(() => q.FailJobAsync(stalled, "late", permanent: false));

        await q.CompleteJobAsync(resumed, "results/x/2", [], null);
        var job = (await q.GetJobAsync(jobId))!;
        Assert.Equal(JobState.Done, job.State);
        Assert.Equal("results/x/2", job.ResultPath);
        var events = await q.GetJobEventsAsync(jobId);
        Assert.Contains(events, e => e.From == JobState.Processing && e.To == JobState.Queued && e.Detail!.Contains("worker-a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lease_expiring_on_the_last_attempt_dead_letters_the_job()
    {
        var q = await NewQueueAsync(o => o with { MaxAttempts = 1, LeaseDuration = TimeSpan.FromSeconds(10) });
        string jobId = await QueuedJobAsync(q);
        Assert.NotNull(await q.ClaimJobAsync("w"));
        Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await q.RecoverExpiredLeasesAsync());
        Assert.Equal(JobState.DeadLetter, (await q.GetJobAsync(jobId))!.State);
    }

    [Fact]
    public async Task A_released_job_goes_back_without_using_an_attempt()
    {
        var q = await NewQueueAsync();
        string jobId = await QueuedJobAsync(q);
        var claimed = (await q.ClaimJobAsync("w"))!;
        await q.ReleaseJobAsync(claimed, "stopping");
        var again = (await q.ClaimJobAsync("w2"))!;
        Assert.Equal(jobId, again.JobId);
        Assert.Equal(1, again.Attempt);
    }

    [Fact]
    public async Task A_late_instance_reopens_a_processed_study_and_queues_a_second_job()
    {
        var q = await NewQueueAsync();
        string firstJob = await QueuedJobAsync(q);
        var claimed = (await q.ClaimJobAsync("w"))!;
        await q.CompleteJobAsync(claimed, "results/a/1", [], null);

        Clock.Advance(TimeSpan.FromMinutes(5));
        var late = await q.RecordInstanceAsync(Instance("3", "dd"));
        Assert.True(late.ReopenedStudy);
        var study = (await q.GetStudyAsync(late.StudyId))!;
        Assert.Equal(StudyState.Open, study.State);
        Assert.Equal(2, study.Revision);
        Assert.Equal(3, study.InstanceCount);

        Clock.Advance(TimeSpan.FromMinutes(1));
        var closed = Assert.Single(await q.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(firstJob, closed.JobId);
        Assert.Null(closed.DuplicateOf);
        Assert.Equal(3, (await q.GetJobInstancePathsAsync(closed.JobId)).Count);
        Assert.Equal(2, (await q.GetJobInstancePathsAsync(firstJob)).Count);
        Assert.Equal(JobState.Done, (await q.GetJobAsync(firstJob))!.State);
    }

    [Fact]
    public async Task The_same_content_is_processed_once_per_model_version()
    {
        string store = await NewStoreAsync();
        var v1 = Open(store, Options("v1"), Clock);
        await v1.InitializeAsync();
        string firstJob = await QueuedJobAsync(v1);
        await v1.CompleteJobAsync((await v1.ClaimJobAsync("w"))!, "results/a/1", [], null);

        // An instance changes and changes back: the study reopens, but its content is what v1 already processed.
        Clock.Advance(TimeSpan.FromMinutes(5));
        await v1.RecordInstanceAsync(Instance("2", "changed"));
        await v1.RecordInstanceAsync(Instance("2", "bb"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var duplicate = Assert.Single(await v1.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(firstJob, duplicate.DuplicateOf);
        Assert.Equal(JobState.Done, (await v1.GetJobAsync(duplicate.JobId))!.State);
        Assert.Null(await v1.ClaimJobAsync("w"));

        // Another model version processes the same content again, once.
        var v2 = Open(store, Options("v2"), Clock);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await v2.RecordInstanceAsync(Instance("2", "again"));
        await v2.RecordInstanceAsync(Instance("2", "bb"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var forV2 = Assert.Single(await v2.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(forV2.DuplicateOf);
        Assert.Null(await v1.ClaimJobAsync("w"));
        var claimed = await v2.ClaimJobAsync("w");
        Assert.Equal(forV2.JobId, claimed?.JobId);
        Assert.Equal("v2", claimed!.ModelVersion);
    }

    [Fact]
    public async Task Result_sends_are_retried_with_back_off_and_every_attempt_is_recorded()
    {
        var q = await NewQueueAsync(o => o with { SendMaxAttempts = 2, SendRetry = new RetryPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1)) });
        string jobId = await QueuedJobAsync(q);
        await q.CompleteJobAsync((await q.ClaimJobAsync("w"))!, "results/a/1", ["results/a/1/dicom/SEG.dcm", "results/a/1/dicom/SR.dcm"], "PACS@pacs:104");

        var batch = await q.ClaimSendsAsync("s", 10);
        Assert.Equal(2, batch.Count);
        Assert.Empty(await q.ClaimSendsAsync("s2", 10));
        var seg = batch.Single(s => s.File.EndsWith("SEG.dcm", StringComparison.Ordinal));
        var sr = batch.Single(s => s.File.EndsWith("SR.dcm", StringComparison.Ordinal));
        Assert.Equal(SendState.Sent, await q.CompleteSendAsync(sr, true, "0x0000", null));
        Assert.Equal(SendState.Pending, await q.CompleteSendAsync(seg, false, null, "connection refused"));

        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await q.ClaimSendsAsync("s", 10));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var retry = Assert.Single(await q.ClaimSendsAsync("s", 10));
        Assert.Equal(2, retry.Attempt);
        Assert.Equal(SendState.Failed, await q.CompleteSendAsync(retry, false, "0xA700", "out of resources"));

        var sends = await q.GetSendsAsync(jobId);
        Assert.Equal([SendState.Failed, SendState.Sent], sends.Select(s => s.State));
        Assert.All(sends, s => Assert.Equal("PACS@pacs:104", s.Destination));
        var attempts = await q.GetSendAttemptsAsync(seg.SendId);
        Assert.Equal([false, false], attempts.Select(a => a.Succeeded));
        Assert.Equal([null, "0xA700"], attempts.Select(a => a.Status));
        var stats = await q.GetStatisticsAsync();
        Assert.Equal(1, stats.Sends[SendState.Sent]);
        Assert.Equal(1, stats.Sends[SendState.Failed]);
        Assert.Equal(1, stats.Jobs[JobState.Done]);
    }

    [Fact]
    public async Task Concurrent_clients_record_one_study_and_claim_each_job_exactly_once()
    {
        string store = await NewStoreAsync();
        var clients = new List<IJobQueue>();
        for (int i = 0; i < 4; i++)
        {
            var c = Open(store, Options("v1") with { LeaseDuration = TimeSpan.FromMinutes(10) }, TimeProvider.System);
            await c.InitializeAsync();
            clients.Add(c);
        }

        // 4 clients receive 8 studies of 10 instances at once, as 4 associations would.
        await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() => clients[i % 4].RecordInstanceAsync(
            new ReceivedInstance($"1.2.3.{i}", "1.2.840.10008.5.1.4.1.1.2", $"1.2.9.{i % 8}", $"1.2.9.{i % 8}.1", $"instances/{i}.dcm", i.ToString("x64", System.Globalization.CultureInfo.InvariantCulture), 10, "SCU")))));
        var studies = await clients[0].ListStudiesAsync(100);
        Assert.Equal(8, studies.Count);
        Assert.All(studies, s => Assert.Equal(10, s.InstanceCount));
        Assert.Equal(8, (await clients[0].ListJobsAsync(JobState.Received, null, 100)).Count);

        var closed = await clients[1].CloseIdleStudiesAsync(TimeSpan.Zero);
        Assert.Equal(8, closed.Count);

        var claims = await Task.WhenAll(clients.Select((c, n) => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (await c.ClaimJobAsync($"w{n}") is { } job)
            {
                mine.Add(job.JobId);
                await c.CompleteJobAsync(job, $"results/{job.JobId}/1", [], null);
            }

            return mine;
        })));
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(8, all.Count);
        Assert.Equal(8, all.Distinct().Count());
        Assert.Equal(8, (await clients[2].GetStatisticsAsync()).Jobs[JobState.Done]);
    }

    [Fact]
    public async Task The_prior_exam_is_the_patients_latest_earlier_study_whose_job_is_done()
    {
        var q = await NewQueueAsync();
        async Task<ClaimedJob> StudyAsync(string uid, bool complete)
        {
            await q.RecordInstanceAsync(new ReceivedInstance(uid + ".1", "1.2.840.10008.5.1.4.1.1.2", uid, uid + ".5", $"instances/{uid}.dcm", uid, 1000, "STORESCU"));
            Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Single(await q.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30)));
            var job = (await q.ClaimJobAsync("w0"))!;
            if (complete)
            {
                await q.CompleteJobAsync(job, $"results/{job.JobId}/1", [], null);
            }

            return job;
        }

        var old = await StudyAsync("1.2.40.1", complete: true);
        var recent = await StudyAsync("1.2.40.2", complete: true);
        var unfinished = await StudyAsync("1.2.40.3", complete: false);
        var otherPatient = await StudyAsync("1.2.40.4", complete: true);
        var current = await StudyAsync("1.2.40.5", complete: false);
        await q.RecordExamAsync(old.StudyId, old.JobId, "patient-a", new DateOnly(2023, 5, 1));
        await q.RecordExamAsync(recent.StudyId, recent.JobId, "patient-a", new DateOnly(2024, 5, 1));
        await q.RecordExamAsync(unfinished.StudyId, unfinished.JobId, "patient-a", new DateOnly(2024, 12, 1));
        await q.RecordExamAsync(otherPatient.StudyId, otherPatient.JobId, "patient-b", new DateOnly(2024, 11, 1));
        await q.RecordExamAsync(current.StudyId, current.JobId, "patient-a", new DateOnly(2025, 5, 1));
        var prior = await q.FindPriorExamAsync("patient-a", new DateOnly(2025, 5, 1), current.StudyId);

        Assert.Equal(new ExamRecord(recent.StudyId, recent.JobId, "patient-a", new DateOnly(2024, 5, 1), $"results/{recent.JobId}/1"), prior);
        Assert.Equal(old.StudyId, (await q.FindPriorExamAsync("patient-a", new DateOnly(2024, 5, 1), current.StudyId))!.StudyId);
        Assert.Null(await q.FindPriorExamAsync("patient-a", new DateOnly(2023, 5, 1), current.StudyId));
        Assert.Null(await q.FindPriorExamAsync("patient-c", new DateOnly(2030, 1, 1), current.StudyId));

        // Recording a study again (reprocessed) replaces its record.
        await q.RecordExamAsync(recent.StudyId, recent.JobId, "patient-a", new DateOnly(2022, 1, 1));
        Assert.Equal(old.StudyId, (await q.FindPriorExamAsync("patient-a", new DateOnly(2025, 5, 1), current.StudyId))!.StudyId);
    }

    [Fact]
    public async Task A_study_is_queued_again_for_a_late_prior_once_per_prior_and_not_while_busy()
    {
        var q = await NewQueueAsync();
        string first = await QueuedJobAsync(q);
        var claimed = (await q.ClaimJobAsync("w0"))!;
        Assert.Null(await q.RequeueForPriorAsync(claimed.StudyId, "prior-1"));
        await q.CompleteJobAsync(claimed, $"results/{first}/1", [], null);

        string? again = await q.RequeueForPriorAsync(claimed.StudyId, "prior-1");

        Assert.NotNull(again);
        Assert.Null(await q.RequeueForPriorAsync(claimed.StudyId, "prior-1"));
        Assert.Null(await q.RequeueForPriorAsync(claimed.StudyId, "prior-2"));
        var job = (await q.GetJobAsync(again))!;
        Assert.Equal((JobState.Queued, claimed.StudyId, 2L), (job.State, job.StudyId, job.InstanceCount));
        Assert.Equal(await q.GetJobInstancePathsAsync(first), await q.GetJobInstancePathsAsync(again));
        var redo = (await q.ClaimJobAsync("w0"))!;
        Assert.Equal(again, redo.JobId);
        await q.CompleteJobAsync(redo, $"results/{again}/1", [], null);
        Assert.Null(await q.RequeueForPriorAsync(claimed.StudyId, "prior-1"));
        Assert.NotNull(await q.RequeueForPriorAsync(claimed.StudyId, "prior-2"));
    }

    protected static JobQueueOptions Options(string version) => new() { ModelVersion = version };

    private async Task<IJobQueue> NewQueueAsync(Func<JobQueueOptions, JobQueueOptions>? configure = null)
    {
        var options = Options("v1");
        var q = Open(await NewStoreAsync(), configure?.Invoke(options) ?? options, Clock);
        opened.Add(q);
        await q.InitializeAsync();
        await q.InitializeAsync();
        return q;
    }

    /// <summary>A study of instances 1 and 2, closed, with its job queued.</summary>
    private async Task<string> QueuedJobAsync(IJobQueue q)
    {
        await q.RecordInstanceAsync(Instance("1", "aa"));
        await q.RecordInstanceAsync(Instance("2", "bb"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        return Assert.Single(await q.CloseIdleStudiesAsync(TimeSpan.FromSeconds(30))).JobId;
    }

    private static ReceivedInstance Instance(string n, string sha) =>
        new($"{Study}.{n}", "1.2.840.10008.5.1.4.1.1.2", Study, Study + ".5", $"instances/{n}.dcm", sha, 1000, "STORESCU");
}
