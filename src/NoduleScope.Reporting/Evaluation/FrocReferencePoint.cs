namespace NoduleScope.Reporting.Evaluation;

/// <summary>Sensitivity read off the FROC curve at one of the seven LUNA16 false-positive rates.</summary>
public sealed record FrocReferencePoint(double FalsePositivesPerScan, double Sensitivity, ConfidenceInterval? Interval);
