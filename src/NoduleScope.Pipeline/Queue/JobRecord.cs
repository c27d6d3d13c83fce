namespace NoduleScope.Pipeline.Queue;

/// <summary>A job as recorded: one processing of one closed study's instances by one model version.</summary>
/// <param name="ContentDigest">SHA-256 over the study's (SOP Instance UID, file hash) pairs when it was queued: with the
/// study UID and model version it identifies what was processed, so the same content is processed once per version.</param>
/// <param name="ResultPath">Folder of the results relative to the storage root, once done.</param>
/// <param name="DuplicateOf">For a job closed as done without processing: the job that processed the same content.</param>
public sealed record JobRecord(
    string Id,
    string StudyId,
    string StudyInstanceUid,
    string ModelVersion,
    JobState State,
    int Attempts,
    int MaxAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset AvailableAt,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    string? ContentDigest,
    long InstanceCount,
    string? ResultPath,
    string? LastError,
    string? DuplicateOf);
