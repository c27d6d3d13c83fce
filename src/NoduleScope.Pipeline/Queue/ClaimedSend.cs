namespace NoduleScope.Pipeline.Queue;

/// <summary>A result file leased to one sender; <see cref="Attempt"/> and <see cref="WorkerId"/> fence its completion.</summary>
public sealed record ClaimedSend(string SendId, string JobId, string File, string Destination, int Attempt, string WorkerId);
