namespace NoduleScope.Reporting.Findings;

/// <summary>
/// A current finding's link to the prior exam, as <c>nodulescope compare</c> writes it into the current exam's
/// findings.json (the full record is the pair <see cref="ComparisonPairIndex"/> of comparison.json).
/// </summary>
public sealed record FindingsPriorLink
{
    /// <summary>growing, slowGrowing, stable, shrinking, new, notAssessed.</summary>
    public required string Status { get; init; }

    public required int ComparisonPairIndex { get; init; }

    /// <summary>The prior finding's id; absent when the prior nodule was refound (not a prior finding) or the nodule is new.</summary>
    public int? PriorFindingId { get; init; }

    /// <summary>automatic, user, refoundOnPrior, refoundOnCurrent (this finding was refound on the current exam), unpaired.</summary>
    public required string MatchMethod { get; init; }

    public required double MatchConfidence { get; init; }

    /// <summary>Prior centre in the prior exam's world frame.</summary>
    public double[]? PriorCenterWorld { get; init; }

    public double? PriorMeanDiameterMm { get; init; }

    public double? PriorVolumeMm3 { get; init; }

    public double? MeanDiameterChangeMm { get; init; }

    public double? VolumeChangePercent { get; init; }

    public double? VolumeDoublingTimeDays { get; init; }

    public required double IntervalDays { get; init; }
}
