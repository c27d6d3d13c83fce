namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// Sensitivity for the nodules of at least <see cref="MinDiameterMm"/> at a given rate of false positives per scan.
/// Marks on smaller nodules are neither hits nor false positives. <see cref="Sensitivity"/> is NaN when the bucket
/// holds no nodule.
/// </summary>
public sealed record SizeBucketSensitivity(double MinDiameterMm, int NoduleCount, double FalsePositivesPerScan, double Sensitivity, ConfidenceInterval? Interval);
