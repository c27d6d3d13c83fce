namespace NoduleScope.Pipeline.Queue;

/// <summary>A study the closer closed, and what became of its job.</summary>
/// <param name="DuplicateOf">Set when the same content was already processed by this model version: the job is done without processing.</param>
public sealed record ClosedStudy(string StudyId, string JobId, long InstanceCount, string? DuplicateOf);
