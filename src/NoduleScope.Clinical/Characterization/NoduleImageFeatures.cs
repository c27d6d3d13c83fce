namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// What the image says about one segmented nodule, as numbers for the type, calcification, margin and malignancy
/// models: size and shape, the HU distribution inside the mask, how irregular the surface is, and the surroundings.
/// </summary>
public sealed record NoduleImageFeatures
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "mean_diameter_mm", "long_axis_mm", "short_axis_mm", "volume_mm3", "elongation", "compactness", "sphericity",
        "hu_mean", "hu_sd", "hu_p05", "hu_p25", "hu_p50", "hu_p75", "hu_p95", "hu_max",
        "fraction_above_m300", "fraction_above_100", "fraction_above_200", "fraction_below_m600",
        "solid_volume_fraction", "solid_mean_diameter_mm", "calcium_centrality",
        "opening_loss", "radial_cv", "surface_per_volume", "halo_hu", "surrounding_lung_fraction", "threshold_hu",
    ];

    public required double MeanDiameterMm { get; init; }

    public required double LongAxisMm { get; init; }

    public required double ShortAxisMm { get; init; }

    public required double VolumeMm3 { get; init; }

    public required double Compactness { get; init; }

    /// <summary>Surface area of a sphere of the same volume over the mask's surface area (1 for a sphere; voxel
    /// surfaces make it lower, the same way for every nodule of a given size).</summary>
    public required double Sphericity { get; init; }

    public required double HuMean { get; init; }

    public required double HuSd { get; init; }

    /// <summary>HU percentiles 5, 25, 50, 75, 95 inside the mask.</summary>
    public required double[] HuPercentiles { get; init; }

    public required double HuMax { get; init; }

    public required double FractionAboveMinus300 { get; init; }

    public required double FractionAbove100 { get; init; }

    public required double FractionAbove200 { get; init; }

    public required double FractionBelowMinus600 { get; init; }

    public required double SolidVolumeFraction { get; init; }

    public required double SolidMeanDiameterMm { get; init; }

    /// <summary>Distance from the nodule centroid to the centroid of its voxels above 200 HU, over the nodule's
    /// equivalent radius (0 central, ~1 at the edge; −1 when there is no calcium).</summary>
    public required double CalciumCentrality { get; init; }

    /// <summary>Share of the mask removed by an opening of a third of its radius: spicules and lobulations.</summary>
    public required double OpeningLoss { get; init; }

    /// <summary>Coefficient of variation of the surface voxels' distance to the centroid.</summary>
    public required double RadialCv { get; init; }

    public required double SurfacePerVolume { get; init; }

    /// <summary>Mean HU of the 1–3 mm shell around the mask.</summary>
    public required double HaloHu { get; init; }

    public required double SurroundingLungFraction { get; init; }

    public required double ThresholdHu { get; init; }

    public float[] ToVector() =>
    [
        (float)MeanDiameterMm, (float)LongAxisMm, (float)ShortAxisMm, (float)VolumeMm3, (float)(ShortAxisMm > 0 ? LongAxisMm / ShortAxisMm : 1), (float)Compactness, (float)Sphericity,
        (float)HuMean, (float)HuSd, (float)HuPercentiles[0], (float)HuPercentiles[1], (float)HuPercentiles[2], (float)HuPercentiles[3], (float)HuPercentiles[4], (float)HuMax,
        (float)FractionAboveMinus300, (float)FractionAbove100, (float)FractionAbove200, (float)FractionBelowMinus600,
        (float)SolidVolumeFraction, (float)SolidMeanDiameterMm, (float)CalciumCentrality,
        (float)OpeningLoss, (float)RadialCv, (float)SurfacePerVolume, (float)HaloHu, (float)SurroundingLungFraction, (float)ThresholdHu,
    ];
}
