namespace NoduleScope.Service.Api;

/// <summary>A job in API answers.</summary>
public sealed record JobSummary(
    string Id,
    string StudyId,
    string ModelVersion,
    string State,
    int Attempts,
    int MaxAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset AvailableAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    long InstanceCount,
    string? LastError,
    string? DuplicateOf);
