namespace NoduleScope.Service.Api;

/// <summary>One try to send a result file.</summary>
public sealed record SendAttemptView(DateTimeOffset At, bool Succeeded, string? Status, string? Detail);
