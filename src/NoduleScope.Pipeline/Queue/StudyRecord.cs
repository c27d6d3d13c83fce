namespace NoduleScope.Pipeline.Queue;

/// <summary>A study as recorded. <see cref="Id"/> is opaque (random); the UID is only in the body of API answers.</summary>
/// <param name="Revision">1, plus one for each time late instances reopened the study after it had been closed.</param>
public sealed record StudyRecord(
    string Id,
    string StudyInstanceUid,
    StudyState State,
    DateTimeOffset FirstReceivedAt,
    DateTimeOffset LastReceivedAt,
    DateTimeOffset? ClosedAt,
    long InstanceCount,
    long Revision);
