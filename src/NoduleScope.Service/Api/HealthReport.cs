namespace NoduleScope.Service.Api;

/// <summary>/health: "ok", or "degraded" with what is wrong (HTTP 503).</summary>
public sealed record HealthReport(string Status, IReadOnlyList<string> Problems);
