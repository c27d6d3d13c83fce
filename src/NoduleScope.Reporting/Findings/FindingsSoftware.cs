namespace NoduleScope.Reporting.Findings;

public sealed record FindingsSoftware(string Name, string Version, string Scorer, string ScorerHash, string? Ranker = null);
