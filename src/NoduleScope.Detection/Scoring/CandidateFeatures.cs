namespace NoduleScope.Detection.Scoring;

/// <summary>What a scorer knows of a candidate: the blob filter's answer and the shape and density of its segmentation.</summary>
public sealed record CandidateFeatures
{
    public required double BlobResponse { get; init; }

    public required double BlobRadiusMm { get; init; }

    /// <summary>False when nothing denser than lung could be segmented at the candidate.</summary>
    public required bool Segmented { get; init; }

    public double EquivalentDiameterMm { get; init; }

    public double LongAxisMm { get; init; }

    public double ShortAxisMm { get; init; }

    public double CraniocaudalExtentMm { get; init; }

    /// <summary>Equivalent-sphere diameter over the largest extent (axial long axis or across slices): about 1 for a
    /// round nodule, low for a vessel segment whichever way it runs.</summary>
    public double Compactness => Math.Max(LongAxisMm, CraniocaudalExtentMm) is > 0 and var extent ? EquivalentDiameterMm / extent : 0;

    public double MeanHu { get; init; }

    public double MaxHu { get; init; }

    /// <summary>Share of the 1–3 mm surroundings that is aerated lung (below −600 HU).</summary>
    public double SurroundingLungFraction { get; init; }

    /// <summary>Share of the volume above −300 HU.</summary>
    public double SolidFraction { get; init; }
}
