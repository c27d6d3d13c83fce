namespace NoduleScope.Clinical.Growth;

/// <summary>A growth call between a prior and the current exam, with the numbers that decided it.</summary>
/// <param name="ChangeMm">Current minus prior size, mm (negative when smaller).</param>
/// <param name="ChangePerYearMm">The change scaled to 12 months; set only when the interval is longer than 12 months.</param>
/// <param name="ThresholdMm">The change had to exceed this: 1.5 mm, or the noise bound when larger.</param>
public sealed record GrowthAssessment(
    GrowthCall Call,
    GrowthSizeBasis? Basis,
    double? PriorSizeMm,
    double? CurrentSizeMm,
    double? ChangeMm,
    double? ChangePerYearMm,
    double IntervalDays,
    double ThresholdMm,
    MeasurementReaders Readers,
    string Reason);
