namespace NoduleScope.Service.Api;

/// <summary>The answer to new pairings: the job that applies them (null when none was queued) and what happened.</summary>
public sealed record PairOverridesResult(string? JobId, string Message);
