namespace NoduleScope.Reporting.Sr;

/// <summary>The exam-level Qualitative Evaluations of a report, as read back.</summary>
public sealed record ReportedGuidance(string? LungRadsCategory, string? LungRadsManagement, string? FleischnerRecommendation);
