namespace NoduleScope.Pipeline.Queue;

/// <summary>One result file to be sent to the PACS, and where that stands.</summary>
/// <param name="File">Path relative to the storage root.</param>
/// <param name="Destination">The PACS as configured ("AE@host:port"), for the record.</param>
public sealed record SendRecord(
    string Id,
    string JobId,
    string StudyId,
    string File,
    string Destination,
    SendState State,
    int Attempts,
    int MaxAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset AvailableAt,
    string? LastStatus,
    string? LastError);
