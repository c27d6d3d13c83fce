namespace NoduleScope.Detection.Scoring;

/// <summary>
/// What a scorer knows of a candidate: the blob filter's answer and local Hessian shape, the shape and density of its
/// segmentation, HU sampled on spheres around it (vessels cross the shells at two opposite points, the chest wall
/// fills a hemisphere), and where it lies in the lungs. <see cref="ToVector"/> gives them in <see cref="Names"/> order.
/// </summary>
public sealed record CandidateFeatures
{
    /// <summary>Feature names in vector order; a model file records them so a model never meets other features.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "blob_rank", "blob_strength", "blob_radius_mm", "from_dense_component",
        "hessian_l2_over_l1", "hessian_l3_over_l1", "hessian_negative", "hessian_curvedness",
        "segmented", "equivalent_diameter_mm", "long_axis_mm", "short_axis_mm", "craniocaudal_extent_mm", "compactness",
        "elongation", "mean_hu", "max_hu", "solid_fraction", "surrounding_lung_fraction",
        "centre_hu", "shell_hu_0_5", "shell_hu_1_0", "shell_hu_1_5", "shell_hu_2_0", "shell_hu_3_0",
        "dense_fraction_1_5", "dense_fraction_2_0", "antipodal_dense_2_0", "hemisphere_dense_2_0", "shell_hu_sd_1_0",
        "distance_to_lung_edge_mm", "in_lung", "craniocaudal_position",
    ];

    public required double BlobResponse { get; init; }

    public required double BlobRadiusMm { get; init; }

    public double BlobStrength { get; init; }

    public bool FromDenseComponent { get; init; }

    public double HessianMiddleRatio { get; init; }

    public double HessianSmallestRatio { get; init; }

    public int HessianNegative { get; init; }

    public double HessianCurvedness { get; init; }

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

    public ShellProfile Shells { get; init; } = ShellProfile.Empty;

    /// <summary>Distance from the centre to the nearest voxel outside the lung mask (0 outside the lungs).</summary>
    public double DistanceToLungEdgeMm { get; init; }

    public bool InLung { get; init; }

    /// <summary>0 at the lung bases, 1 at the apices.</summary>
    public double CraniocaudalPosition { get; init; }

    public float[] ToVector()
    {
        double elongation = ShortAxisMm > 0 ? LongAxisMm / ShortAxisMm : 0;
        return
        [
            (float)BlobResponse, (float)BlobStrength, (float)BlobRadiusMm, FromDenseComponent ? 1 : 0,
            (float)HessianMiddleRatio, (float)HessianSmallestRatio, HessianNegative, (float)HessianCurvedness,
            Segmented ? 1 : 0, (float)EquivalentDiameterMm, (float)LongAxisMm, (float)ShortAxisMm, (float)CraniocaudalExtentMm, (float)Compactness,
            (float)elongation, (float)MeanHu, (float)MaxHu, (float)SolidFraction, (float)SurroundingLungFraction,
            (float)Shells.CentreHu, (float)Shells.MeanHu[0], (float)Shells.MeanHu[1], (float)Shells.MeanHu[2], (float)Shells.MeanHu[3], (float)Shells.MeanHu[4],
            (float)Shells.DenseFraction15, (float)Shells.DenseFraction20, (float)Shells.AntipodalDense20, (float)Shells.HemisphereDense20, (float)Shells.SdHu10,
            (float)DistanceToLungEdgeMm, InLung ? 1 : 0, (float)CraniocaudalPosition,
        ];
    }
}
