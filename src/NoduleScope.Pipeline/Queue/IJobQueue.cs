namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// The durable state of the service: received instances grouped into studies, the jobs that process closed studies,
/// and the result files to send back. Every state change is one transaction and is recorded with its time. Two
/// implementations: <see cref="SqliteJobQueue"/> (embedded, no set-up) and <see cref="PostgresJobQueue"/> (several
/// processes on several machines share it; rows are claimed with FOR UPDATE SKIP LOCKED under leases).
/// </summary>
public interface IJobQueue : IAsyncDisposable
{
    JobQueueOptions Options { get; }

    /// <summary>Creates the tables when absent. Safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an instance that is on disk; the C-STORE is acknowledged only after this returns. Opens (or reopens)
    /// its study, and gives the study a job in the received state.
    /// </summary>
    Task<RecordedInstance> RecordInstanceAsync(ReceivedInstance instance, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the studies that received nothing for <paramref name="idle"/> and queues their jobs with a snapshot of the
    /// instances; a job whose content this model version already processed is closed as done, not processed again.
    /// </summary>
    Task<IReadOnlyList<ClosedStudy>> CloseIdleStudiesAsync(TimeSpan idle, CancellationToken cancellationToken = default);

    /// <summary>Puts jobs whose lease expired back in the queue (dead-letter when that was their last attempt).</summary>
    Task<int> RecoverExpiredLeasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Leases the next queued job of this model version to <paramref name="workerId"/>; null when none is ready.</summary>
    Task<ClaimedJob?> ClaimJobAsync(string workerId, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease; false when it was lost (the worker must stop and discard its work).</summary>
    Task<bool> HeartbeatAsync(ClaimedJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the job done with its results and, in the same transaction, queues <paramref name="filesToSend"/> (paths
    /// relative to the storage root) for <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="LeaseLostException">The lease was lost: another worker owns the job now.</exception>
    Task CompleteJobAsync(ClaimedJob job, string resultPath, IReadOnlyList<string> filesToSend, string? destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed attempt: <paramref name="permanent"/> failures end in <see cref="JobState.Failed"/>; others are
    /// retried after a back-off, and end in <see cref="JobState.DeadLetter"/> after the last attempt.
    /// </summary>
    /// <exception cref="LeaseLostException">The lease was lost.</exception>
    Task<JobState> FailJobAsync(ClaimedJob job, string error, bool permanent, CancellationToken cancellationToken = default);

    /// <summary>Gives an unfinished job back (the worker is stopping); the attempt is not counted.</summary>
    Task ReleaseJobAsync(ClaimedJob job, string reason, CancellationToken cancellationToken = default);

    /// <summary>Paths (relative to the storage root) of the instances the job processes, as snapshotted when it was queued.</summary>
    Task<IReadOnlyList<string>> GetJobInstancePathsAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Leases up to <paramref name="max"/> result files due for sending, oldest first.</summary>
    Task<IReadOnlyList<ClaimedSend>> ClaimSendsAsync(string workerId, int max, CancellationToken cancellationToken = default);

    /// <summary>Records a send attempt; failed ones are retried after a back-off until the attempts are used up.</summary>
    Task<SendState> CompleteSendAsync(ClaimedSend send, bool succeeded, string? status, string? detail, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default);

    Task<StudyRecord?> GetStudyAsync(string studyId, CancellationToken cancellationToken = default);

    /// <summary>The study received with this StudyInstanceUID, if any.</summary>
    Task<StudyRecord?> FindStudyByUidAsync(string studyInstanceUid, CancellationToken cancellationToken = default);

    /// <summary>Jobs, newest first, optionally of one state and/or one study.</summary>
    Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobState? state, string? studyId, int limit, int offset = 0, CancellationToken cancellationToken = default);

    Task<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobEvent>> GetJobEventsAsync(string jobId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SendRecord>> GetSendsAsync(string jobId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SendAttempt>> GetSendAttemptsAsync(string sendId, CancellationToken cancellationToken = default);

    /// <summary>Records which patient (a hash of the PatientID) and date a study being processed by <paramref name="jobId"/> belongs to; replaces an earlier record of the study.</summary>
    Task RecordExamAsync(string studyId, string jobId, string patientKey, DateOnly studyDate, CancellationToken cancellationToken = default);

    /// <summary>The patient's latest exam dated before <paramref name="before"/> whose recorded job is done (other studies only); null when none.</summary>
    Task<ExamRecord?> FindPriorExamAsync(string patientKey, DateOnly before, string excludingStudyId, CancellationToken cancellationToken = default);

    /// <summary>The study's exam record with its job's result path; null when none was recorded.</summary>
    Task<ExamRecord?> GetExamAsync(string studyId, CancellationToken cancellationToken = default);

    /// <summary>The patient's earliest exam dated after <paramref name="after"/> whose recorded job is done (other studies only); null when none.</summary>
    Task<ExamRecord?> FindNextExamAsync(string patientKey, DateOnly after, string excludingStudyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues the study's last processed content again because a prior study of its patient (<paramref name="priorStudyId"/>)
    /// was processed after it; once per prior. Null (nothing queued) when the study has no done job, already has one
    /// waiting or running, or was already queued again for this prior; else the new job's id.
    /// </summary>
    Task<string?> RequeueForPriorAsync(string studyId, string priorStudyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues the study's last processed content again because a user changed its pairings with the prior
    /// (<paramref name="pairsDigest"/> names that version of the pairings; once per version), recording
    /// <paramref name="actor"/>. Null when the study has no done job, already has one waiting or running, or was
    /// already queued for these pairings; else the new job's id.
    /// </summary>
    Task<string?> RequeueForPairsAsync(string studyId, string pairsDigest, string actor, CancellationToken cancellationToken = default);

    Task<QueueStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}
