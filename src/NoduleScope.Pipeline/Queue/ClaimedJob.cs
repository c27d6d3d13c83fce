namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// A job leased to one worker. <see cref="WorkerId"/> and <see cref="Attempt"/> fence every later call: once the lease
/// was lost (expired and claimed again), heartbeats return false and completion throws <see cref="LeaseLostException"/>.
/// </summary>
public sealed record ClaimedJob(string JobId, string StudyId, string StudyInstanceUid, string ModelVersion, int Attempt, string WorkerId);
