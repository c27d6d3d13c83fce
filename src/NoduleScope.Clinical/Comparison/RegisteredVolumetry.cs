using NoduleScope.Imaging;
using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// A nodule's volume on both exams for its change and doubling time. The change itself is measured by registered
/// subtraction: the nodule-density tissue in one sphere around the nodule (the same anatomy on both exams, through the
/// registration and the local shift) differs only by what the nodule gained or lost — vessels and pleura in the sphere
/// cancel. The smaller of the two nodules gives the base volume (partial-volume corrected mask; a small compact nodule
/// is the one its segmentation captures whole), the larger is that plus the change. Both exams use one nodule density,
/// so segmentation differences between the exams do not enter the ratio. Falls back to both masks' partial-volume
/// volumes when the sphere leaves either scan or the two estimates disagree on the direction of the change.
/// </summary>
public static class RegisteredVolumetry
{
    public const string SubtractionMethod = "registered subtraction";
    public const string MaskMethod = "partial-volume masks";

    /// <summary>Margin of the sphere beyond the larger nodule's half long axis (covers the blur and the residual shift).</summary>
    private const double SphereMarginMm = 3;

    /// <param name="currentToPrior">Current world point → prior world point for this nodule (registration with the local shift).</param>
    public static PairVolumes Measure(CtVolume priorVolume, ComparedNodule prior, CtVolume currentVolume, ComparedNodule current, AffineTransform currentToPrior)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(current);
        double density = Math.Max(PartialVolumeVolumetry.CoreDensityHu(priorVolume, prior.Segmentation), PartialVolumeVolumetry.CoreDensityHu(currentVolume, current.Segmentation));
        double priorMask = PartialVolumeVolumetry.VolumeMm3(priorVolume, prior.Segmentation, density);
        double currentMask = PartialVolumeVolumetry.VolumeMm3(currentVolume, current.Segmentation, density);
        var masks = new PairVolumes(priorMask, currentMask, MaskMethod, null);

        double radius = (Math.Max(prior.Measurement.LongAxisMm, current.Measurement.LongAxisMm) / 2) + SphereMarginMm;
        var centre = current.Center;
        if (!Inside(currentVolume, AffineTransform.Identity, centre, radius) || !Inside(priorVolume, currentToPrior, centre, radius))
        {
            return masks;
        }

        // Each exam's own lung density: a deeper breath darkens the whole lung, which must not count as a change.
        double currentLung = PartialVolumeVolumetry.LungDensityHu(currentVolume, current.Segmentation);
        double priorLung = PartialVolumeVolumetry.LungDensityHu(priorVolume, prior.Segmentation);
        double currentSphere = PartialVolumeVolumetry.SphereVolumeMm3(currentVolume, AffineTransform.Identity, currentVolume.Grid, centre, radius, currentLung, density);
        double priorSphere = PartialVolumeVolumetry.SphereVolumeMm3(priorVolume, currentToPrior, currentVolume.Grid, centre, radius, priorLung, density);
        double difference = currentSphere - priorSphere;
        double maskDifference = currentMask - priorMask;
        bool beyondNoise = Math.Abs(maskDifference) >= 0.25 * Math.Min(priorMask, currentMask);
        if (beyondNoise && Math.Sign(maskDifference) != Math.Sign(difference))
        {
            return masks;
        }

        return difference >= 0
            ? new PairVolumes(priorMask, priorMask + difference, SubtractionMethod, difference)
            : new PairVolumes(currentMask - difference, currentMask, SubtractionMethod, difference);
    }

    /// <summary>Whether the sphere's bounding box lies within the volume's voxel centres after the transform.</summary>
    private static bool Inside(CtVolume volume, AffineTransform transform, Vector3D centre, double radius)
    {
        for (int corner = 0; corner < 8; corner++)
        {
            var p = centre + new Vector3D((corner & 1) == 0 ? -radius : radius, (corner & 2) == 0 ? -radius : radius, (corner & 4) == 0 ? -radius : radius);
            var v = volume.WorldToVoxel(transform.Apply(p));
            if (v.X < 0 || v.Y < 0 || v.Z < 0 || v.X > volume.SizeX - 1 || v.Y > volume.SizeY - 1 || v.Z > volume.SizeZ - 1)
            {
                return false;
            }
        }

        return true;
    }
}
