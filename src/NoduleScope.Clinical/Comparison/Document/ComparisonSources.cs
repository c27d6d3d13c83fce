namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>Where the two exams came from, for the document.</summary>
/// <param name="PriorFindingsPath">The findings.json the prior findings were read from; null when detection ran.</param>
public sealed record ComparisonSources(string PriorPath, string CurrentPath, string? PriorFindingsPath = null, string? CurrentFindingsPath = null);
