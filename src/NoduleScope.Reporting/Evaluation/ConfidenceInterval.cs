namespace NoduleScope.Reporting.Evaluation;

/// <summary>A bootstrap percentile interval.</summary>
public sealed record ConfidenceInterval(double Lower, double Upper);
