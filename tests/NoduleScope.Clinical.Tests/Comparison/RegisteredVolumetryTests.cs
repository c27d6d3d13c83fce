using NoduleScope.Clinical.Characterization;
using NoduleScope.Clinical.Comparison;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class RegisteredVolumetryTests
{
    [Fact]
    public void TheChangeOfANoduleBesideAVesselComesOutOfTheSubtraction()
    {
        // A 6 mm nodule that grows to 8 mm (volume × 2.37) against a 3 mm vessel; the current scan is shifted by a known
        // amount, given to the volumetry as the registration.
        var shift = new Vector3D(2.1, -1.4, 3.3);
        var prior = Scene(3, Vector3D.Zero);
        var current = Scene(4, shift);
        var priorNodule = Nodule(prior, Vector3D.Zero);
        var currentNodule = Nodule(current, shift);

        var volumes = RegisteredVolumetry.Measure(prior, priorNodule, current, currentNodule, AffineTransform.Shift(Vector3D.Zero - shift));

        Assert.Equal(RegisteredVolumetry.SubtractionMethod, volumes.Method);
        double ratio = volumes.CurrentMm3 / volumes.PriorMm3;
        Assert.InRange(ratio, 2.37 * 0.9, 2.37 * 1.1);
        Assert.InRange(volumes.PriorMm3, 113 * 0.85, 113 * 1.15);
    }

    [Fact]
    public void ASphereOutsideEitherScanFallsBackToTheMasks()
    {
        var prior = Scene(3, Vector3D.Zero);
        var nodule = Nodule(prior, Vector3D.Zero);

        var volumes = RegisteredVolumetry.Measure(prior, nodule, prior, nodule, AffineTransform.Shift(new Vector3D(0, 0, 200)));

        Assert.Equal(RegisteredVolumetry.MaskMethod, volumes.Method);
        Assert.Equal(volumes.PriorMm3, volumes.CurrentMm3);
    }

    private static ComparedNodule Nodule(CtVolume volume, Vector3D centre)
    {
        var segmentation = new NoduleSegmenter().SegmentAt(volume, centre)!;
        return new ComparedNodule(1, centre, segmentation, new NoduleCharacterizer().Characterize(volume, segmentation), NoduleSource.Finding, 0.9);
    }

    /// <summary>Lung at −850 HU with a ball of 0 HU at <paramref name="centre"/> and a vessel (a 3 mm rod along x) touching
    /// it, every voxel the average of 4 × 4 × 4 subsamples.</summary>
    private static CtVolume Scene(double radius, Vector3D centre)
    {
        const double sx = 0.7, sz = 1.25;
        int n = 64, nz = 36;
        var volume = CtVolume.CreateAxial(n, n, nz, new Vector3D(sx, sx, sz), new Vector3D(-(n - 1) * sx / 2, -(n - 1) * sx / 2, -(nz - 1) * sz / 2));
        double vesselY = centre.Y + radius + 1.5;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < n; y++)
            {
                for (int x = 0; x < n; x++)
                {
                    var p = volume.VoxelToWorld(x, y, z);
                    int inside = 0;
                    for (int k = 0; k < 64; k++)
                    {
                        var q = p + new Vector3D((((k & 3) + 0.5) / 4 - 0.5) * sx, ((((k >> 2) & 3) + 0.5) / 4 - 0.5) * sx, (((k >> 4) + 0.5) / 4 - 0.5) * sz);
                        bool ball = (q - centre).Length <= radius;
                        double dy = q.Y - vesselY, dz = q.Z - centre.Z;
                        bool vessel = (dy * dy) + (dz * dz) <= 1.5 * 1.5;
                        inside += ball || vessel ? 1 : 0;
                    }

                    volume[x, y, z] = (short)Math.Round(-850 + (850 * inside / 64.0));
                }
            }
        }

        return volume;
    }
}
