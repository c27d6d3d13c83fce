using NoduleScope.Imaging;

namespace NoduleScope.Detection.Segmentation;

/// <summary>
/// Size and density of a segmented nodule. Axes are measured on the axial slice where the nodule is largest (long axis,
/// and the longest extent perpendicular to it), as radiologists do, at the nodule's partial-volume edge and without
/// vessels or spicules narrower than about 2 mm; the mean diameter is their average.
/// </summary>
public sealed record NoduleMeasurement
{
    public required Vector3D Centroid { get; init; }

    public required double VolumeMm3 { get; init; }

    public required double LongAxisMm { get; init; }

    public required double ShortAxisMm { get; init; }

    public double MeanDiameterMm => (LongAxisMm + ShortAxisMm) / 2;

    /// <summary>Long axis of the whole mask on its largest slice (no edge, no opening): the extent the candidate
    /// scorer's shape features were trained on.</summary>
    public required double MaskLongAxisMm { get; init; }

    /// <summary>Short axis of the whole mask, as <see cref="MaskLongAxisMm"/>.</summary>
    public required double MaskShortAxisMm { get; init; }

    /// <summary>Extent across slices (slice centres, plus up to 1 mm for the edges), which axial axes do not show:
    /// long for a vessel running through several slices.</summary>
    public required double CraniocaudalExtentMm { get; init; }

    /// <summary>Diameter of the sphere with the same volume.</summary>
    public double EquivalentDiameterMm => Math.Cbrt(6 * VolumeMm3 / Math.PI);

    public required double MeanHu { get; init; }

    public required double MaxHu { get; init; }

    /// <summary>Volume above −300 HU (the solid component of a part-solid nodule).</summary>
    public required double SolidVolumeMm3 { get; init; }

    /// <summary>Mean of long and short axis of the solid component on its largest axial slice (0 when none).</summary>
    public required double SolidMeanDiameterMm { get; init; }

    /// <summary>World position of the slice used for the axes.</summary>
    public required double AxialSliceZ { get; init; }

    /// <summary>Bounding box corners in world LPS mm.</summary>
    public required Vector3D BoundsMin { get; init; }

    public required Vector3D BoundsMax { get; init; }

    public required long VoxelCount { get; init; }
}
