namespace NoduleScope.Clinical.Growth;

/// <summary>Volume doubling time, its BTS reading, and the diameter growth call, with the inputs.</summary>
/// <param name="VolumeRatio">Current / prior volume.</param>
/// <param name="VolumeChangePercent">(current − prior) / prior × 100.</param>
/// <param name="DoublingTimeDays">
/// ln 2 × Δt / ln(V2 / V1), to 0.1 day: negative when shrinking, null when the volume is unchanged (infinite).
/// </param>
public sealed record VolumeDoublingTimeResult(
    VolumeDoublingTimeInput Input,
    double VolumeRatio,
    double VolumeChangePercent,
    double? DoublingTimeDays,
    VolumeTrend Trend,
    BtsVolumeReading Reading,
    string Interpretation,
    GrowthAssessment DiameterGrowth,
    IReadOnlyList<string> Notes);
