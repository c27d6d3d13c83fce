using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Candidates;

/// <summary>
/// The centre of a thick dense region inside a lung's hull (a possible mass), the radius of the largest ball that
/// fits in it, and what rays cast from the centre meet where the dense tissue ends: aerated lung, the edge of the
/// lung's hull (chest wall, mediastinum, abdomen), or nothing within reach (the tissue goes on: an organ).
/// </summary>
public sealed record MassRegion(Vector3D Center, double InscribedRadiusMm)
{
    /// <summary>Fraction of all rays that end in aerated lung (mean over the centre and six points around it).</summary>
    public double LungFraction { get; init; }

    /// <summary>Fraction of the rays pointing head-wards (more than 45° from the axial plane) that end in aerated lung.</summary>
    public double LungAboveFraction { get; init; }

    /// <summary>Fraction of the rays pointing foot-wards that end in aerated lung.</summary>
    public double LungBelowFraction { get; init; }

    /// <summary>How enclosed by lung the region is: <see cref="LungFraction"/> plus the smaller of
    /// <see cref="LungAboveFraction"/> and <see cref="LungBelowFraction"/> (0 to 2). An organ that bulges into the hull
    /// has lung on one side only, above or below, and less of it around.</summary>
    public double Enclosure => LungFraction + Math.Min(LungAboveFraction, LungBelowFraction);

    /// <summary>Mean distance (mm) from the centre to where the dense tissue ends, over the rays that end in lung.</summary>
    public double LungRadiusMm { get; init; }

    /// <summary>Where the lesion may reach: on the lung segmentation's grid, the star-shaped region bounded along each
    /// ray by where it meets lung, and along rays that meet no lung (attachments) by the median lung distance.</summary>
    public MaskVolume? Envelope { get; init; }

    /// <summary>Per ray (<see cref="MassFinder"/>'s directions): how far (mm) it ran through dense tissue.</summary>
    internal IReadOnlyList<double> RayLengths { get; init; } = [];

    /// <summary>Per ray: whether it ended in aerated lung (rather than at the hull's edge or out of reach).</summary>
    internal IReadOnlyList<bool> RayEndsInLung { get; init; } = [];
}
