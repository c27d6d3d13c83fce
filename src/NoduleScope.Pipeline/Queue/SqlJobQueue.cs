using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// The SQL of <see cref="IJobQueue"/>, shared by SQLite and PostgreSQL (both speak INSERT … ON CONFLICT, RETURNING and
/// partial indexes). Lock order is always study row, then job rows, so concurrent receivers, closers and workers do not
/// deadlock. Times are stored as Unix milliseconds from the injected clock: machines sharing a PostgreSQL queue must
/// keep their clocks synchronised (NTP), as leases compare them.
/// </summary>
public abstract class SqlJobQueue : IJobQueue
{
    private const string JobColumns = "id, study_id, study_uid, model_version, state, attempts, max_attempts, created_at, updated_at, available_at, lease_owner, lease_expires_at, content_digest, instance_count, result_path, last_error, duplicate_of";
    private const string SendColumns = "id, job_id, study_id, file, destination, state, attempts, max_attempts, created_at, updated_at, available_at, last_status, last_error";
    private const int MaxTextLength = 2000;
    private const int MaxWriteTries = 5;

    protected SqlJobQueue(JobQueueOptions options, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Time = timeProvider ?? TimeProvider.System;
    }

    public JobQueueOptions Options { get; }

    protected TimeProvider Time { get; }

    /// <summary>" FOR UPDATE SKIP LOCKED" where rows can be locked; empty where a write transaction locks everything.</summary>
    protected abstract string SkipLocked { get; }

    /// <summary>" FOR UPDATE" where rows can be locked.</summary>
    protected abstract string ForUpdate { get; }

    /// <summary>The column type of an auto-numbered primary key.</summary>
    protected abstract string AutoIdType { get; }

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Starts a transaction that will write (SQLite: BEGIN IMMEDIATE).</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs once inside the schema transaction before the tables are created (PostgreSQL: an advisory lock).</summary>
    protected virtual Task BeforeSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises writers inside this process where the database has one writer anyway; null where it does not.</summary>
    protected virtual SemaphoreSlim? WriteGate => null;

    /// <summary>A conflict between concurrent transactions (deadlock, serialisation failure, busy) worth trying again.</summary>
    protected virtual bool IsTransient(Exception exception) => false;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(async (c, t) =>
        {
            await BeforeSchemaAsync(c, t, cancellationToken).ConfigureAwait(false);
            foreach (string statement in Schema())
            {
                await ExecuteAsync(c, t, statement, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<RecordedInstance> RecordInstanceAsync(ReceivedInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return WriteAsync(async (c, t) =>
        {
            long now = Now();

            // The study row first: it is the lock every writer of this study takes before anything else.
            string studyId;
            StudyState studyState;
            await using (var cmd = Command(c, t,
                "INSERT INTO ns_studies (id, study_uid, state, first_received_at, last_received_at, closed_at, instance_count, revision) " +
                "VALUES (@id, @uid, 'open', @now, @now, NULL, 0, 1) " +
                "ON CONFLICT (study_uid) DO UPDATE SET study_uid = excluded.study_uid RETURNING id, state",
                ("id", NewId()), ("uid", instance.StudyInstanceUid), ("now", now)))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                studyId = reader.GetString(0);
                studyState = StateNames.ParseStudy(reader.GetString(1));
            }

            string? oldSha = null;
            string? oldStudy = null;
            await using (var cmd = Command(c, t, "SELECT sha256, study_id FROM ns_instances WHERE sop_instance_uid = @sop" + ForUpdate, ("sop", instance.SopInstanceUid)))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    oldSha = reader.GetString(0);
                    oldStudy = reader.GetString(1);
                }
            }

            if (oldSha == instance.Sha256 && oldStudy == studyId)
            {
                // A retransmission changes nothing, but while the study is open it shows the sender is still at work.
                if (studyState == StudyState.Open)
                {
                    await ExecuteAsync(c, t, "UPDATE ns_studies SET last_received_at = @now WHERE id = @id", cancellationToken, ("now", now), ("id", studyId)).ConfigureAwait(false);
                }

                return new RecordedInstance(studyId, InstanceOutcome.Duplicate, ReopenedStudy: false);
            }

            await ExecuteAsync(c, t,
                "INSERT INTO ns_instances (sop_instance_uid, study_id, series_uid, sop_class_uid, path, sha256, length, calling_ae, received_at) " +
                "VALUES (@sop, @study, @series, @class, @path, @sha, @length, @ae, @now) " +
                "ON CONFLICT (sop_instance_uid) DO UPDATE SET study_id = excluded.study_id, series_uid = excluded.series_uid, sop_class_uid = excluded.sop_class_uid, " +
                "path = excluded.path, sha256 = excluded.sha256, length = excluded.length, calling_ae = excluded.calling_ae, received_at = excluded.received_at",
                cancellationToken,
                ("sop", instance.SopInstanceUid), ("study", studyId), ("series", instance.SeriesInstanceUid), ("class", instance.SopClassUid),
                ("path", instance.RelativePath), ("sha", instance.Sha256), ("length", instance.Length), ("ae", Truncate(instance.CallingAeTitle, 64)), ("now", now)).ConfigureAwait(false);

            bool moved = oldStudy is not null && oldStudy != studyId;
            if (moved)
            {
                // The same SOP instance now claims another study: the old study lost it and must be assessed again.
                await TouchStudyAsync(c, t, oldStudy!, now, -1, cancellationToken).ConfigureAwait(false);
            }

            await TouchStudyAsync(c, t, studyId, now, oldStudy == studyId ? 0 : 1, cancellationToken).ConfigureAwait(false);
            return new RecordedInstance(studyId, oldSha is null || moved ? InstanceOutcome.New : InstanceOutcome.Replaced, studyState == StudyState.Closed);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ClosedStudy>> CloseIdleStudiesAsync(TimeSpan idle, CancellationToken cancellationToken = default)
    {
        long cutoff = Now() - (long)idle.TotalMilliseconds;
        var candidates = new List<string>();
        await using (var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var cmd = Command(c, null, "SELECT id FROM ns_studies WHERE state = 'open' AND last_received_at <= @cutoff ORDER BY last_received_at LIMIT 100", ("cutoff", cutoff)))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                candidates.Add(reader.GetString(0));
            }
        }

        var closed = new List<ClosedStudy>();
        foreach (string studyId in candidates)
        {
            var result = await WriteAsync((c, t) => CloseStudyAsync(c, t, studyId, cutoff, cancellationToken), cancellationToken).ConfigureAwait(false);
            closed.AddRange(result);
        }

        return closed;
    }

    public Task<int> RecoverExpiredLeasesAsync(CancellationToken cancellationToken = default) =>
        WriteAsync((c, t) => RecoverExpiredAsync(c, t, cancellationToken), cancellationToken);

    public async Task<ClaimedJob?> ClaimJobAsync(string workerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        await RecoverExpiredLeasesAsync(cancellationToken).ConfigureAwait(false);
        return await WriteAsync(async (c, t) =>
        {
            long now = Now();
            ClaimedJob? claimed = null;
            await using (var cmd = Command(c, t,
                "UPDATE ns_jobs SET state = 'processing', attempts = attempts + 1, lease_owner = @worker, lease_expires_at = @expires, updated_at = @now " +
                "WHERE id = (SELECT id FROM ns_jobs WHERE model_version = @version AND state = 'queued' AND available_at <= @now " +
                "ORDER BY available_at, created_at LIMIT 1" + SkipLocked + ") " +
                "RETURNING id, study_id, study_uid, attempts",
                ("worker", workerId), ("expires", now + LeaseMs), ("now", now), ("version", Options.ModelVersion)))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed = new ClaimedJob(reader.GetString(0), reader.GetString(1), reader.GetString(2), Options.ModelVersion, ToInt(reader.GetValue(3)), workerId);
                }
            }

            if (claimed is not null)
            {
                await InsertEventAsync(c, t, claimed.JobId, now, JobState.Queued, JobState.Processing, workerId,
                    string.Create(CultureInfo.InvariantCulture, $"attempt {claimed.Attempt} of {Options.MaxAttempts}"), cancellationToken).ConfigureAwait(false);
            }

            return claimed;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> HeartbeatAsync(ClaimedJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WriteAsync(async (c, t) =>
        {
            long now = Now();
            int rows = await ExecuteAsync(c, t,
                "UPDATE ns_jobs SET lease_expires_at = @expires, updated_at = @now WHERE id = @id AND state = 'processing' AND lease_owner = @worker AND attempts = @attempt",
                cancellationToken, ("expires", now + LeaseMs), ("now", now), ("id", job.JobId), ("worker", job.WorkerId), ("attempt", job.Attempt)).ConfigureAwait(false);
            return rows == 1;
        }, cancellationToken);
    }

    public Task CompleteJobAsync(ClaimedJob job, string resultPath, IReadOnlyList<string> filesToSend, string? destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultPath);
        ArgumentNullException.ThrowIfNull(filesToSend);
        if (filesToSend.Count > 0 && string.IsNullOrWhiteSpace(destination))
        {
            throw new ArgumentException("files to send need a destination", nameof(destination));
        }

        return WriteAsync(async (c, t) =>
        {
            long now = Now();
            int rows = await ExecuteAsync(c, t,
                "UPDATE ns_jobs SET state = 'done', result_path = @path, lease_owner = NULL, lease_expires_at = NULL, last_error = NULL, updated_at = @now " +
                "WHERE id = @id AND state = 'processing' AND lease_owner = @worker AND attempts = @attempt",
                cancellationToken, ("path", resultPath), ("now", now), ("id", job.JobId), ("worker", job.WorkerId), ("attempt", job.Attempt)).ConfigureAwait(false);
            if (rows != 1)
            {
                throw new LeaseLostException($"job {job.JobId}: the lease of {job.WorkerId} (attempt {job.Attempt}) was lost before completion");
            }

            string detail = filesToSend.Count == 0 ? "results stored" : string.Create(CultureInfo.InvariantCulture, $"results stored; {filesToSend.Count} file(s) queued for {destination}");
            await InsertEventAsync(c, t, job.JobId, now, JobState.Processing, JobState.Done, job.WorkerId, detail, cancellationToken).ConfigureAwait(false);
            foreach (string file in filesToSend)
            {
                await ExecuteAsync(c, t,
                    "INSERT INTO ns_sends (id, job_id, study_id, file, destination, state, attempts, max_attempts, created_at, updated_at, available_at) " +
                    "VALUES (@id, @job, @study, @file, @destination, 'pending', 0, @max, @now, @now, @now)",
                    cancellationToken, ("id", NewId()), ("job", job.JobId), ("study", job.StudyId), ("file", file), ("destination", destination!), ("max", Options.SendMaxAttempts), ("now", now)).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);
    }

    public Task<JobState> FailJobAsync(ClaimedJob job, string error, bool permanent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(async (c, t) =>
        {
            long now = Now();
            var next = permanent ? JobState.Failed : job.Attempt >= Options.MaxAttempts ? JobState.DeadLetter : JobState.Queued;
            var delay = next == JobState.Queued ? Options.Retry.DelayAfter(job.Attempt) : TimeSpan.Zero;
            int rows = await ExecuteAsync(c, t,
                "UPDATE ns_jobs SET state = @state, available_at = @available, lease_owner = NULL, lease_expires_at = NULL, last_error = @error, updated_at = @now " +
                "WHERE id = @id AND state = 'processing' AND lease_owner = @worker AND attempts = @attempt",
                cancellationToken, ("state", StateNames.Of(next)), ("available", now + (long)delay.TotalMilliseconds), ("error", Truncate(error, MaxTextLength)), ("now", now),
                ("id", job.JobId), ("worker", job.WorkerId), ("attempt", job.Attempt)).ConfigureAwait(false);
            if (rows != 1)
            {
                throw new LeaseLostException($"job {job.JobId}: the lease of {job.WorkerId} (attempt {job.Attempt}) was lost before the failure was recorded");
            }

            string detail = next == JobState.Queued
                ? string.Create(CultureInfo.InvariantCulture, $"attempt {job.Attempt} failed, retry in {delay.TotalSeconds:0.#} s: {error}")
                : next == JobState.DeadLetter ? string.Create(CultureInfo.InvariantCulture, $"attempt {job.Attempt} of {Options.MaxAttempts} failed: {error}") : error;
            await InsertEventAsync(c, t, job.JobId, now, JobState.Processing, next, job.WorkerId, detail, cancellationToken).ConfigureAwait(false);
            return next;
        }, cancellationToken);
    }

    public Task ReleaseJobAsync(ClaimedJob job, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return WriteAsync(async (c, t) =>
        {
            long now = Now();
            int rows = await ExecuteAsync(c, t,
                "UPDATE ns_jobs SET state = 'queued', attempts = attempts - 1, available_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now " +
                "WHERE id = @id AND state = 'processing' AND lease_owner = @worker AND attempts = @attempt",
                cancellationToken, ("now", now), ("id", job.JobId), ("worker", job.WorkerId), ("attempt", job.Attempt)).ConfigureAwait(false);
            if (rows == 1)
            {
                await InsertEventAsync(c, t, job.JobId, now, JobState.Processing, JobState.Queued, job.WorkerId, "released: " + reason, cancellationToken).ConfigureAwait(false);
            }

            return rows;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetJobInstancePathsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var paths = new List<string>();
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, "SELECT path FROM ns_job_instances WHERE job_id = @id ORDER BY sop_instance_uid", ("id", jobId));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }

    public async Task<IReadOnlyList<ClaimedSend>> ClaimSendsAsync(string workerId, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        return await WriteAsync(async (c, t) =>
        {
            long now = Now();
            await ExecuteAsync(c, t,
                "UPDATE ns_sends SET state = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = @now " +
                "WHERE id IN (SELECT id FROM ns_sends WHERE state = 'sending' AND lease_expires_at < @now" + SkipLocked + ")",
                cancellationToken, ("now", now)).ConfigureAwait(false);

            var claimed = new List<ClaimedSend>();
            await using (var cmd = Command(c, t,
                "UPDATE ns_sends SET state = 'sending', attempts = attempts + 1, lease_owner = @worker, lease_expires_at = @expires, updated_at = @now " +
                "WHERE id IN (SELECT id FROM ns_sends WHERE state = 'pending' AND available_at <= @now ORDER BY available_at, created_at LIMIT @max" + SkipLocked + ") " +
                "RETURNING id, job_id, file, destination, attempts",
                ("worker", workerId), ("expires", now + LeaseMs), ("now", now), ("max", max)))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed.Add(new ClaimedSend(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ToInt(reader.GetValue(4)), workerId));
                }
            }

            return (IReadOnlyList<ClaimedSend>)claimed;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<SendState> CompleteSendAsync(ClaimedSend send, bool succeeded, string? status, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        return WriteAsync(async (c, t) =>
        {
            long now = Now();
            var next = succeeded ? SendState.Sent : send.Attempt >= Options.SendMaxAttempts ? SendState.Failed : SendState.Pending;
            var delay = next == SendState.Pending ? Options.SendRetry.DelayAfter(send.Attempt) : TimeSpan.Zero;
            int rows = await ExecuteAsync(c, t,
                "UPDATE ns_sends SET state = @state, available_at = @available, lease_owner = NULL, lease_expires_at = NULL, last_status = @status, last_error = @error, updated_at = @now " +
                "WHERE id = @id AND state = 'sending' AND lease_owner = @worker AND attempts = @attempt",
                cancellationToken, ("state", StateNames.Of(next)), ("available", now + (long)delay.TotalMilliseconds), ("status", status), ("error", succeeded ? null : Truncate(detail, MaxTextLength)),
                ("now", now), ("id", send.SendId), ("worker", send.WorkerId), ("attempt", send.Attempt)).ConfigureAwait(false);
            if (rows != 1)
            {
                throw new LeaseLostException($"send {send.SendId}: the lease of {send.WorkerId} was lost");
            }

            await ExecuteAsync(c, t,
                "INSERT INTO ns_send_attempts (send_id, at, succeeded, status, detail) VALUES (@id, @now, @ok, @status, @detail)",
                cancellationToken, ("id", send.SendId), ("now", now), ("ok", succeeded ? 1L : 0L), ("status", status), ("detail", Truncate(detail, MaxTextLength))).ConfigureAwait(false);
            return next;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT id, study_uid, state, first_received_at, last_received_at, closed_at, instance_count, revision FROM ns_studies ORDER BY last_received_at DESC, id LIMIT @limit OFFSET @offset",
            ReadStudy, cancellationToken, ("limit", Math.Clamp(limit, 1, 1000)), ("offset", Math.Max(0, offset))).ConfigureAwait(false);

    public async Task<StudyRecord?> GetStudyAsync(string studyId, CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT id, study_uid, state, first_received_at, last_received_at, closed_at, instance_count, revision FROM ns_studies WHERE id = @id",
            ReadStudy, cancellationToken, ("id", studyId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<StudyRecord?> FindStudyByUidAsync(string studyInstanceUid, CancellationToken cancellationToken = default) =>
        (await QueryAsync("SELECT id, study_uid, state, first_received_at, last_received_at, closed_at, instance_count, revision FROM ns_studies WHERE study_uid = @uid",
            ReadStudy, cancellationToken, ("uid", studyInstanceUid)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobState? state, string? studyId, int limit, int offset = 0, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("limit", Math.Clamp(limit, 1, 1000)), ("offset", Math.Max(0, offset)) };
        if (state is { } s)
        {
            where.Add("state = @state");
            parameters.Add(("state", StateNames.Of(s)));
        }

        if (studyId is not null)
        {
            where.Add("study_id = @study");
            parameters.Add(("study", studyId));
        }

        string filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        return await QueryAsync($"SELECT {JobColumns} FROM ns_jobs{filter} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset", ReadJob, cancellationToken, [.. parameters]).ConfigureAwait(false);
    }

    public async Task<JobRecord?> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {JobColumns} FROM ns_jobs WHERE id = @id", ReadJob, cancellationToken, ("id", jobId)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<JobEvent>> GetJobEventsAsync(string jobId, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT job_id, at, from_state, to_state, actor, detail FROM ns_job_events WHERE job_id = @id ORDER BY id", r => new JobEvent(
            r.GetString(0), FromMs(r.GetValue(1)), r.IsDBNull(2) ? null : StateNames.ParseJob(r.GetString(2)), StateNames.ParseJob(r.GetString(3)), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)),
            cancellationToken, ("id", jobId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<SendRecord>> GetSendsAsync(string jobId, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {SendColumns} FROM ns_sends WHERE job_id = @id ORDER BY file", r => new SendRecord(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), StateNames.ParseSend(r.GetString(5)), ToInt(r.GetValue(6)), ToInt(r.GetValue(7)),
            FromMs(r.GetValue(8)), FromMs(r.GetValue(9)), FromMs(r.GetValue(10)), r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12)),
            cancellationToken, ("id", jobId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<SendAttempt>> GetSendAttemptsAsync(string sendId, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT send_id, at, succeeded, status, detail FROM ns_send_attempts WHERE send_id = @id ORDER BY id", r => new SendAttempt(
            r.GetString(0), FromMs(r.GetValue(1)), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture) != 0, r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken, ("id", sendId)).ConfigureAwait(false);

    public Task RecordExamAsync(string studyId, string jobId, string patientKey, DateOnly studyDate, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(patientKey);
        return WriteAsync(async (c, t) => await ExecuteAsync(c, t,
            "INSERT INTO ns_exams (study_id, job_id, patient_key, study_date, recorded_at) VALUES (@study, @job, @patient, @date, @now) " +
            "ON CONFLICT (study_id) DO UPDATE SET job_id = excluded.job_id, patient_key = excluded.patient_key, study_date = excluded.study_date, recorded_at = excluded.recorded_at",
            cancellationToken, ("study", studyId), ("job", jobId), ("patient", patientKey), ("date", DateNumber(studyDate)), ("now", Now())).ConfigureAwait(false), cancellationToken);
    }

    public async Task<ExamRecord?> FindPriorExamAsync(string patientKey, DateOnly before, string excludingStudyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientKey);
        ArgumentNullException.ThrowIfNull(excludingStudyId);
        var found = await QueryAsync(
            "SELECT e.study_id, e.job_id, e.patient_key, e.study_date, j.result_path FROM ns_exams e JOIN ns_jobs j ON j.id = e.job_id " +
            "WHERE e.patient_key = @patient AND e.study_date < @before AND e.study_id <> @study AND j.state = 'done' ORDER BY e.study_date DESC, e.recorded_at DESC LIMIT 1",
            ReadExam, cancellationToken, ("patient", patientKey), ("before", DateNumber(before)), ("study", excludingStudyId)).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    public async Task<ExamRecord?> GetExamAsync(string studyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(studyId);
        var found = await QueryAsync(
            "SELECT e.study_id, e.job_id, e.patient_key, e.study_date, j.result_path FROM ns_exams e JOIN ns_jobs j ON j.id = e.job_id WHERE e.study_id = @study",
            ReadExam, cancellationToken, ("study", studyId)).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    public async Task<ExamRecord?> FindNextExamAsync(string patientKey, DateOnly after, string excludingStudyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientKey);
        ArgumentNullException.ThrowIfNull(excludingStudyId);
        var found = await QueryAsync(
            "SELECT e.study_id, e.job_id, e.patient_key, e.study_date, j.result_path FROM ns_exams e JOIN ns_jobs j ON j.id = e.job_id " +
            "WHERE e.patient_key = @patient AND e.study_date > @after AND e.study_id <> @study AND j.state = 'done' ORDER BY e.study_date, e.recorded_at LIMIT 1",
            ReadExam, cancellationToken, ("patient", patientKey), ("after", DateNumber(after)), ("study", excludingStudyId)).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    public Task<string?> RequeueForPriorAsync(string studyId, string priorStudyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(priorStudyId);
        return RequeueAsync(studyId, "+prior:" + priorStudyId, "comparison",
            $"prior study {priorStudyId} of the patient was processed after job {{0}}: processed again to compare with it", cancellationToken);
    }

    public Task<string?> RequeueForPairsAsync(string studyId, string pairsDigest, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pairsDigest);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return RequeueAsync(studyId, "+pairs:" + pairsDigest, Truncate(actor, 200)!,
            "the pairings with the prior exam were changed after job {0}: processed again with them", cancellationToken);
    }

    /// <summary>
    /// A new queued job over the instances of the study's last done job. The content digest gets <paramref name="marker"/>
    /// in place of any earlier marker, so each reason is queued once (the content index stays unique).
    /// </summary>
    private Task<string?> RequeueAsync(string studyId, string marker, string actor, string detailFormat, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyId);
        return WriteAsync<string?>(async (c, t) =>
        {
            await using (var busy = Command(c, t, "SELECT COUNT(*) FROM ns_jobs WHERE study_id = @id AND state IN ('received', 'queued', 'processing')", ("id", studyId)))
            {
                if (Convert.ToInt64(await busy.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
                {
                    return null;
                }
            }

            string? lastJob = null, digest = null, studyUid = null;
            long count = 0;
            await using (var cmd = Command(c, t,
                "SELECT id, content_digest, study_uid, instance_count FROM ns_jobs WHERE study_id = @id AND state = 'done' AND duplicate_of IS NULL AND model_version = @version ORDER BY created_at DESC LIMIT 1" + ForUpdate,
                ("id", studyId), ("version", Options.ModelVersion)))
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    lastJob = reader.GetString(0);
                    digest = reader.IsDBNull(1) ? null : reader.GetString(1);
                    studyUid = reader.GetString(2);
                    count = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
                }
            }

            if (lastJob is null || digest is null)
            {
                return null;
            }

            int plus = digest.IndexOf('+', StringComparison.Ordinal);
            string newDigest = (plus < 0 ? digest : digest[..plus]) + marker;
            await using (var cmd = Command(c, t, "SELECT COUNT(*) FROM ns_jobs WHERE study_uid = @uid AND model_version = @version AND content_digest = @digest",
                ("uid", studyUid), ("version", Options.ModelVersion), ("digest", newDigest)))
            {
                if (Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
                {
                    return null;
                }
            }

            long now = Now();
            string jobId = NewId();
            await ExecuteAsync(c, t,
                "INSERT INTO ns_jobs (id, study_id, study_uid, model_version, state, attempts, max_attempts, created_at, updated_at, available_at, content_digest, instance_count) " +
                "VALUES (@job, @study, @uid, @version, 'queued', 0, @max, @now, @now, @now, @digest, @count)",
                cancellationToken, ("job", jobId), ("study", studyId), ("uid", studyUid), ("version", Options.ModelVersion), ("max", Options.MaxAttempts), ("now", now), ("digest", newDigest), ("count", count)).ConfigureAwait(false);
            await ExecuteAsync(c, t,
                "INSERT INTO ns_job_instances (job_id, sop_instance_uid, path) SELECT @job, sop_instance_uid, path FROM ns_job_instances WHERE job_id = @last",
                cancellationToken, ("job", jobId), ("last", lastJob)).ConfigureAwait(false);
            await InsertEventAsync(c, t, jobId, now, null, JobState.Queued, actor,
                string.Format(CultureInfo.InvariantCulture, detailFormat, lastJob), cancellationToken).ConfigureAwait(false);
            return jobId;
        }, cancellationToken);
    }

    public async Task<QueueStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var jobs = Enum.GetValues<JobState>().ToDictionary(s => s, _ => 0L);
        foreach (var (name, count) in await CountsAsync("SELECT state, COUNT(*) FROM ns_jobs GROUP BY state", cancellationToken).ConfigureAwait(false))
        {
            jobs[StateNames.ParseJob(name)] = count;
        }

        var studies = Enum.GetValues<StudyState>().ToDictionary(s => s, _ => 0L);
        foreach (var (name, count) in await CountsAsync("SELECT state, COUNT(*) FROM ns_studies GROUP BY state", cancellationToken).ConfigureAwait(false))
        {
            studies[StateNames.ParseStudy(name)] = count;
        }

        var sends = Enum.GetValues<SendState>().ToDictionary(s => s, _ => 0L);
        foreach (var (name, count) in await CountsAsync("SELECT state, COUNT(*) FROM ns_sends GROUP BY state", cancellationToken).ConfigureAwait(false))
        {
            sends[StateNames.ParseSend(name)] = count;
        }

        long instances = (await CountsAsync("SELECT 'all', COUNT(*) FROM ns_instances", cancellationToken).ConfigureAwait(false)).Single().Count;
        return new QueueStatistics(jobs, studies, sends, instances);
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction, committed when it returns; retried on transient conflicts.</summary>
    protected async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var gate = WriteGate;
            if (gate is not null)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (Exception e) when (attempt < MaxWriteTries && IsTransient(e))
            {
                // Another transaction won a conflict (deadlock victim, busy): ours was rolled back whole, so run it again.
            }
            finally
            {
                gate?.Release();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt + Random.Shared.Next(20)), cancellationToken).ConfigureAwait(false);
        }
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(connection, transaction, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private long LeaseMs => (long)Options.LeaseDuration.TotalMilliseconds;

    private long Now() => Time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static DateTimeOffset FromMs(object value) => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    private static int ToInt(object value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static ExamRecord ReadExam(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), FromDateNumber(r.GetValue(3)), r.IsDBNull(4) ? null : r.GetString(4));

    /// <summary>A date as the integer yyyymmdd, which orders like the date in both databases.</summary>
    private static long DateNumber(DateOnly date) => (date.Year * 10000L) + (date.Month * 100) + date.Day;

    private static DateOnly FromDateNumber(object value)
    {
        long n = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        return new DateOnly((int)(n / 10000), (int)(n / 100 % 100), (int)(n % 100));
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private IEnumerable<string> Schema()
    {
        yield return "CREATE TABLE IF NOT EXISTS ns_studies (id TEXT PRIMARY KEY, study_uid TEXT NOT NULL UNIQUE, state TEXT NOT NULL, " +
            "first_received_at BIGINT NOT NULL, last_received_at BIGINT NOT NULL, closed_at BIGINT NULL, instance_count BIGINT NOT NULL, revision BIGINT NOT NULL)";
        yield return "CREATE INDEX IF NOT EXISTS ns_studies_open ON ns_studies (state, last_received_at)";
        yield return "CREATE TABLE IF NOT EXISTS ns_instances (sop_instance_uid TEXT PRIMARY KEY, study_id TEXT NOT NULL REFERENCES ns_studies (id), series_uid TEXT NOT NULL, " +
            "sop_class_uid TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, length BIGINT NOT NULL, calling_ae TEXT NOT NULL, received_at BIGINT NOT NULL)";
        yield return "CREATE INDEX IF NOT EXISTS ns_instances_study ON ns_instances (study_id)";
        yield return "CREATE TABLE IF NOT EXISTS ns_jobs (id TEXT PRIMARY KEY, study_id TEXT NOT NULL REFERENCES ns_studies (id), study_uid TEXT NOT NULL, model_version TEXT NOT NULL, " +
            "state TEXT NOT NULL, attempts BIGINT NOT NULL, max_attempts BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, available_at BIGINT NOT NULL, " +
            "lease_owner TEXT NULL, lease_expires_at BIGINT NULL, content_digest TEXT NULL, instance_count BIGINT NOT NULL, result_path TEXT NULL, last_error TEXT NULL, duplicate_of TEXT NULL)";

        // One job gathers a study's instances while it is open; the same content is processed once per model version.
        yield return "CREATE UNIQUE INDEX IF NOT EXISTS ns_jobs_receiving ON ns_jobs (study_id) WHERE state = 'received'";
        yield return "CREATE UNIQUE INDEX IF NOT EXISTS ns_jobs_content ON ns_jobs (study_uid, model_version, content_digest) WHERE content_digest IS NOT NULL AND duplicate_of IS NULL";
        yield return "CREATE INDEX IF NOT EXISTS ns_jobs_ready ON ns_jobs (model_version, state, available_at)";
        yield return "CREATE INDEX IF NOT EXISTS ns_jobs_study ON ns_jobs (study_id, created_at)";
        yield return "CREATE TABLE IF NOT EXISTS ns_job_instances (job_id TEXT NOT NULL REFERENCES ns_jobs (id), sop_instance_uid TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (job_id, sop_instance_uid))";
        yield return $"CREATE TABLE IF NOT EXISTS ns_job_events (id {AutoIdType} PRIMARY KEY, job_id TEXT NOT NULL, at BIGINT NOT NULL, from_state TEXT NULL, to_state TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT NULL)";
        yield return "CREATE INDEX IF NOT EXISTS ns_job_events_job ON ns_job_events (job_id, id)";
        yield return "CREATE TABLE IF NOT EXISTS ns_sends (id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES ns_jobs (id), study_id TEXT NOT NULL, file TEXT NOT NULL, destination TEXT NOT NULL, " +
            "state TEXT NOT NULL, attempts BIGINT NOT NULL, max_attempts BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, available_at BIGINT NOT NULL, " +
            "lease_owner TEXT NULL, lease_expires_at BIGINT NULL, last_status TEXT NULL, last_error TEXT NULL)";
        yield return "CREATE INDEX IF NOT EXISTS ns_sends_ready ON ns_sends (state, available_at)";
        yield return "CREATE INDEX IF NOT EXISTS ns_sends_job ON ns_sends (job_id)";
        yield return $"CREATE TABLE IF NOT EXISTS ns_send_attempts (id {AutoIdType} PRIMARY KEY, send_id TEXT NOT NULL, at BIGINT NOT NULL, succeeded BIGINT NOT NULL, status TEXT NULL, detail TEXT NULL)";
        yield return "CREATE INDEX IF NOT EXISTS ns_send_attempts_send ON ns_send_attempts (send_id, id)";
        yield return "CREATE TABLE IF NOT EXISTS ns_exams (study_id TEXT PRIMARY KEY REFERENCES ns_studies (id), job_id TEXT NOT NULL REFERENCES ns_jobs (id), patient_key TEXT NOT NULL, study_date BIGINT NOT NULL, recorded_at BIGINT NOT NULL)";
        yield return "CREATE INDEX IF NOT EXISTS ns_exams_patient ON ns_exams (patient_key, study_date)";
    }

    private static StudyRecord ReadStudy(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), StateNames.ParseStudy(r.GetString(2)), FromMs(r.GetValue(3)), FromMs(r.GetValue(4)),
        r.IsDBNull(5) ? null : FromMs(r.GetValue(5)), Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture));

    private static JobRecord ReadJob(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), StateNames.ParseJob(r.GetString(4)), ToInt(r.GetValue(5)), ToInt(r.GetValue(6)),
        FromMs(r.GetValue(7)), FromMs(r.GetValue(8)), FromMs(r.GetValue(9)), r.IsDBNull(10) ? null : r.GetString(10), r.IsDBNull(11) ? null : FromMs(r.GetValue(11)),
        r.IsDBNull(12) ? null : r.GetString(12), Convert.ToInt64(r.GetValue(13), CultureInfo.InvariantCulture), r.IsDBNull(14) ? null : r.GetString(14),
        r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : r.GetString(16));

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<T>();
        await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null, sql, parameters);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<List<(string Name, long Count)>> CountsAsync(string sql, CancellationToken cancellationToken) =>
        await QueryAsync(sql, r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);

    /// <summary>New activity on a study: reopens it when closed and makes sure it has a job gathering its instances.</summary>
    private async Task TouchStudyAsync(DbConnection c, DbTransaction t, string studyId, long now, int countDelta, CancellationToken cancellationToken)
    {
        bool reopened;
        await using (var cmd = Command(c, t, "SELECT state FROM ns_studies WHERE id = @id" + ForUpdate, ("id", studyId)))
        {
            reopened = (string?)await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) == "closed";
        }

        await ExecuteAsync(c, t,
            "UPDATE ns_studies SET last_received_at = @now, instance_count = instance_count + @delta, state = 'open', closed_at = NULL, " +
            "revision = CASE WHEN state = 'closed' THEN revision + 1 ELSE revision END WHERE id = @id",
            cancellationToken, ("now", now), ("delta", (long)countDelta), ("id", studyId)).ConfigureAwait(false);

        await using (var cmd = Command(c, t, "SELECT id FROM ns_jobs WHERE study_id = @id AND state = 'received'", ("id", studyId)))
        {
            if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string)
            {
                return;
            }
        }

        string jobId = NewId();
        await ExecuteAsync(c, t,
            "INSERT INTO ns_jobs (id, study_id, study_uid, model_version, state, attempts, max_attempts, created_at, updated_at, available_at, instance_count) " +
            "SELECT @job, id, study_uid, @version, 'received', 0, @max, @now, @now, @now, 0 FROM ns_studies WHERE id = @id",
            cancellationToken, ("job", jobId), ("version", Options.ModelVersion), ("max", Options.MaxAttempts), ("now", now), ("id", studyId)).ConfigureAwait(false);
        await InsertEventAsync(c, t, jobId, now, null, JobState.Received, "receiver",
            reopened ? "a late instance reopened the closed study" : "first instance of the study", cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ClosedStudy>> CloseStudyAsync(DbConnection c, DbTransaction t, string studyId, long cutoff, CancellationToken cancellationToken)
    {
        long now = Now();
        string studyUid;
        await using (var cmd = Command(c, t,
            "UPDATE ns_studies SET state = 'closed', closed_at = @now WHERE id = @id AND state = 'open' AND last_received_at <= @cutoff RETURNING study_uid",
            ("now", now), ("id", studyId), ("cutoff", cutoff)))
        {
            // Re-checked under the row lock: an instance recorded since the candidate query keeps the study open.
            if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string uid)
            {
                return [];
            }

            studyUid = uid;
        }

        var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long count = 0;
        await using (var cmd = Command(c, t, "SELECT sop_instance_uid, sha256 FROM ns_instances WHERE study_id = @id ORDER BY sop_instance_uid", ("id", studyId)))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                digest.AppendData(Encoding.UTF8.GetBytes(reader.GetString(0) + "\t" + reader.GetString(1) + "\n"));
                count++;
            }
        }

        string contentDigest = Convert.ToHexStringLower(digest.GetHashAndReset());
        string? jobId;
        await using (var cmd = Command(c, t, "SELECT id FROM ns_jobs WHERE study_id = @id AND state = 'received'" + ForUpdate, ("id", studyId)))
        {
            jobId = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        if (jobId is null)
        {
            return [];
        }

        string? duplicateOf;
        await using (var cmd = Command(c, t,
            "SELECT id FROM ns_jobs WHERE study_uid = @uid AND model_version = @version AND content_digest = @digest AND duplicate_of IS NULL AND id <> @job",
            ("uid", studyUid), ("version", Options.ModelVersion), ("digest", contentDigest), ("job", jobId)))
        {
            duplicateOf = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        long idleSeconds = (now - cutoff) / 1000;
        if (duplicateOf is not null)
        {
            await ExecuteAsync(c, t,
                "UPDATE ns_jobs SET state = 'done', model_version = @version, content_digest = @digest, duplicate_of = @dup, instance_count = @count, updated_at = @now WHERE id = @job",
                cancellationToken, ("version", Options.ModelVersion), ("digest", contentDigest), ("dup", duplicateOf), ("count", count), ("now", now), ("job", jobId)).ConfigureAwait(false);
            await InsertEventAsync(c, t, jobId, now, JobState.Received, JobState.Done, "closer",
                $"the same instances were already processed by job {duplicateOf} with model {Options.ModelVersion}: not processed again", cancellationToken).ConfigureAwait(false);
            return [new ClosedStudy(studyId, jobId, count, duplicateOf)];
        }

        await ExecuteAsync(c, t,
            "UPDATE ns_jobs SET state = 'queued', model_version = @version, content_digest = @digest, instance_count = @count, available_at = @now, updated_at = @now WHERE id = @job",
            cancellationToken, ("version", Options.ModelVersion), ("digest", contentDigest), ("count", count), ("now", now), ("job", jobId)).ConfigureAwait(false);
        await ExecuteAsync(c, t,
            "INSERT INTO ns_job_instances (job_id, sop_instance_uid, path) SELECT @job, sop_instance_uid, path FROM ns_instances WHERE study_id = @id",
            cancellationToken, ("job", jobId), ("id", studyId)).ConfigureAwait(false);
        await InsertEventAsync(c, t, jobId, now, JobState.Received, JobState.Queued, "closer",
            string.Create(CultureInfo.InvariantCulture, $"study closed after {idleSeconds} s without new instances; {count} instance(s)"), cancellationToken).ConfigureAwait(false);
        return [new ClosedStudy(studyId, jobId, count, null)];
    }

    private async Task<int> RecoverExpiredAsync(DbConnection c, DbTransaction t, CancellationToken cancellationToken)
    {
        long now = Now();
        var expired = new List<(string Id, int Attempts, string? Owner)>();
        await using (var cmd = Command(c, t,
            "SELECT id, attempts, lease_owner FROM ns_jobs WHERE model_version = @version AND state = 'processing' AND lease_expires_at < @now" + SkipLocked,
            ("version", Options.ModelVersion), ("now", now)))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                expired.Add((reader.GetString(0), ToInt(reader.GetValue(1)), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        foreach (var (id, attempts, owner) in expired)
        {
            var next = attempts >= Options.MaxAttempts ? JobState.DeadLetter : JobState.Queued;
            await ExecuteAsync(c, t,
                "UPDATE ns_jobs SET state = @state, available_at = @now, lease_owner = NULL, lease_expires_at = NULL, last_error = @error, updated_at = @now WHERE id = @id",
                cancellationToken, ("state", StateNames.Of(next)), ("now", now), ("error", $"the lease of {owner} expired (worker stopped or stalled)"), ("id", id)).ConfigureAwait(false);
            await InsertEventAsync(c, t, id, now, JobState.Processing, next, "recovery",
                string.Create(CultureInfo.InvariantCulture, $"lease of {owner} expired during attempt {attempts}{(next == JobState.DeadLetter ? "; no attempt left" : "; resumed by the next free worker")}"), cancellationToken).ConfigureAwait(false);
        }

        return expired.Count;
    }

    private static Task<int> InsertEventAsync(DbConnection c, DbTransaction t, string jobId, long at, JobState? from, JobState to, string actor, string? detail, CancellationToken cancellationToken) =>
        ExecuteAsync(c, t, "INSERT INTO ns_job_events (job_id, at, from_state, to_state, actor, detail) VALUES (@job, @at, @from, @to, @actor, @detail)",
            cancellationToken, ("job", jobId), ("at", at), ("from", from is { } f ? StateNames.Of(f) : null), ("to", StateNames.Of(to)), ("actor", actor), ("detail", Truncate(detail, MaxTextLength)));
}
