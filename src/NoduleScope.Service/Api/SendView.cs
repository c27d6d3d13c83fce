namespace NoduleScope.Service.Api;

/// <summary>One result file sent (or being sent) to the PACS, with each attempt.</summary>
public sealed record SendView(string Id, string File, string Destination, string State, int Attempts, int MaxAttempts, string? LastStatus, string? LastError, IReadOnlyList<SendAttemptView> History);
