namespace NoduleScope.Clinical.Comparison;

public sealed record LungRegistrationOptions
{
    /// <summary>Grid of the shape stages (rigid, then affine, on the lungs' signed distance maps).</summary>
    public double CoarseSpacingMm { get; init; } = 4;

    /// <summary>Signed distances are clamped to ±this; samples lie where the current lungs' distance is within ±<see cref="BandMm"/>.</summary>
    public double DistanceClampMm { get; init; } = 30;

    public double BandMm { get; init; } = 20;

    /// <summary>Refine the affine alignment on lung-window HU on the lungs' 2 mm grid (vessels and airways, not only the
    /// lung outline).</summary>
    public bool RefineOnIntensity { get; init; } = true;

    /// <summary>HU differences beyond this count less in the intensity stage (Huber), so a new consolidation or a growing
    /// nodule does not pull the whole alignment.</summary>
    public double IntensityHuberHu { get; init; } = 150;

    public int MaxSamples { get; init; } = 120_000;

    /// <summary>Offsets along z (mm) tried from the lung-centroid start, for fields of view that cut the lungs differently.</summary>
    public IReadOnlyList<double> StartOffsetsZMm { get; init; } = [0, -30, 30, -60, 60];
}
