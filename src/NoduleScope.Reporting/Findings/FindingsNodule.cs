namespace NoduleScope.Reporting.Findings;

/// <summary>One reported nodule.</summary>
public sealed record FindingsNodule
{
    public required int Id { get; init; }

    public required double Probability { get; init; }

    /// <summary>Centre in world LPS mm.</summary>
    public required double[] CenterWorld { get; init; }

    /// <summary>Centre as a continuous voxel index (x, y, z) of the input volume.</summary>
    public required double[] CenterVoxel { get; init; }

    /// <summary>"right", "left" or "unknown".</summary>
    public required string Lung { get; init; }

    /// <summary>Bounding box corners in world LPS mm.</summary>
    public required double[] BoundsMinWorld { get; init; }

    public required double[] BoundsMaxWorld { get; init; }

    public required double LongAxisMm { get; init; }

    public required double ShortAxisMm { get; init; }

    public required double MeanDiameterMm { get; init; }

    public required double VolumeMm3 { get; init; }

    public required double MeanHu { get; init; }

    public required double MaxHu { get; init; }

    public required double SolidVolumeMm3 { get; init; }

    public required double SolidMeanDiameterMm { get; init; }

    /// <summary>Type, location, risk and guideline categories; null until characterised.</summary>
    public FindingsCharacterization? Characterization { get; init; }

    /// <summary>The link to this nodule on a prior exam (written by <c>compare</c>); null on a single exam.</summary>
    public FindingsPriorLink? Prior { get; init; }
}
