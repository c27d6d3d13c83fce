namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// When a nodule of one exam has no partner among the other exam's findings, the place it maps to is searched before it
/// is called new or resolved: a scored candidate there, or a segmentation at that point, counts when it looks like a
/// nodule and not like a vessel.
/// </summary>
public sealed record RefindOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Candidates the detector scored at least this high may stand in for a missed finding.</summary>
    public double CandidateMinProbability { get; init; } = 0.1;

    /// <summary>Smallest mean diameter that counts as a nodule (the detector's reporting limit).</summary>
    public double MinDiameterMm { get; init; } = 3;

    /// <summary>Share of the segmentation's surroundings that must be aerated lung (a nodule, not a piece of wall).</summary>
    public double MinSurroundingLungFraction { get; init; } = 0.5;

    /// <summary>Largest craniocaudal extent relative to the mean axial diameter (vessels run across many slices).</summary>
    public double MaxElongation { get; init; } = 2.2;

    /// <summary>The refound nodule's mean diameter relative to its partner's must lie within [1/ratio, ratio].</summary>
    public double MaxSizeRatio { get; init; } = 2.5;
}
