namespace NoduleScope.Service.Api;

/// <summary>One recorded state change.</summary>
public sealed record JobEventView(DateTimeOffset At, string? From, string To, string Actor, string? Detail);
