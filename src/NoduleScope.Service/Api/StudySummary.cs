namespace NoduleScope.Service.Api;

/// <summary>A study in API answers. <see cref="Id"/> is opaque and is what URLs use; the UID appears in bodies only.</summary>
public sealed record StudySummary(
    string Id,
    string StudyInstanceUid,
    string State,
    DateTimeOffset FirstReceivedAt,
    DateTimeOffset LastReceivedAt,
    DateTimeOffset? ClosedAt,
    long InstanceCount,
    long Revision,
    JobSummary? LatestJob);
