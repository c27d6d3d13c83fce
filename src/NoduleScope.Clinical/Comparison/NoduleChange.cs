using NoduleScope.Clinical.Growth;

namespace NoduleScope.Clinical.Comparison;

/// <summary>The size change of a paired nodule.</summary>
/// <param name="MeanDiameterChangeMm">Current minus prior axial mean diameter (each rounded to 0.1 mm first).</param>
/// <param name="Volumes">The volumes the change and the doubling time use, and how they were measured.</param>
/// <param name="DoublingTime">Volume doubling time with the BTS reading.</param>
/// <param name="Growth">Lung-RADS growth on the axial mean diameters (> 1.5 mm within 12 months, beyond noise).</param>
/// <param name="VolumeGrowth">The same threshold on the sphere-equivalent diameters of <paramref name="Volumes"/>.</param>
/// <param name="Call">The comparison's growth call: growth by either diameter measure, confirmed by a volume change
/// beyond the ±25 % noise bound.</param>
/// <param name="BeyondNoise">Whether the change exceeds repeat-measurement noise: volume beyond ±25 % and a diameter
/// measure beyond ±1.3 mm (same reader) or ±2.2 mm (different readers), in the same direction.</param>
/// <param name="Notes">Disagreements between the measures, worth a look.</param>
public sealed record NoduleChange(
    double IntervalDays,
    double MeanDiameterChangeMm,
    double VolumeChangeMm3,
    double VolumeChangePercent,
    PairVolumes Volumes,
    VolumeDoublingTimeResult DoublingTime,
    GrowthAssessment Growth,
    GrowthAssessment VolumeGrowth,
    GrowthCall Call,
    string CallReason,
    NoiseBoundChange BeyondNoise,
    IReadOnlyList<string> Notes);
