namespace NoduleScope.Pipeline.Queue;

/// <summary>One recorded try to send a result file.</summary>
/// <param name="Status">The peer's DIMSE status ("0x0000"), null when none came.</param>
public sealed record SendAttempt(string SendId, DateTimeOffset At, bool Succeeded, string? Status, string? Detail);
