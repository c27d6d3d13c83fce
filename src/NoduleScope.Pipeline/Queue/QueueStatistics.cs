namespace NoduleScope.Pipeline.Queue;

/// <summary>Counts for /metrics and /health.</summary>
public sealed record QueueStatistics(
    IReadOnlyDictionary<JobState, long> Jobs,
    IReadOnlyDictionary<StudyState, long> Studies,
    IReadOnlyDictionary<SendState, long> Sends,
    long Instances);
