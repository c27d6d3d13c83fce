namespace NoduleScope.Reporting.Evaluation;

/// <summary>What a detector gives when its marks scored at or above <see cref="Threshold"/> are kept.</summary>
public sealed record ThresholdOperatingPoint(
    double Threshold,
    int DetectedNodules,
    int NoduleCount,
    double Sensitivity,
    int FalsePositives,
    double FalsePositivesPerScan);
