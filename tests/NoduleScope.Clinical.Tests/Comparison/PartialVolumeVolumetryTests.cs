using NoduleScope.Clinical.Comparison;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class PartialVolumeVolumetryTests
{
    [Theory]
    [InlineData(0.7, 0.7, 1.25, 0.0)]
    [InlineData(0.7, 0.7, 1.25, 0.5)]
    [InlineData(0.84, 0.84, 5.0, 0.0)]
    [InlineData(0.84, 0.84, 5.0, 0.5)]
    public void AVoxelisedSphereHasItsTrueVolume(double sx, double sy, double sz, double phase)
    {
        // A 7 mm sphere of 0 HU in −850 HU lung, each voxel holding its exact covered fraction (as a scanner averages).
        const double radius = 3.5;
        var volume = Ball(sx, sy, sz, radius, new Vector3D(0.3 * sx, 0.2 * sy, phase * sz));
        var segmentation = new NoduleSegmenter().SegmentAt(volume, Vector3D.Zero)!;
        double truth = 4.0 / 3 * Math.PI * radius * radius * radius;

        double corrected = PartialVolumeVolumetry.VolumeMm3(volume, segmentation, 0);

        Assert.InRange(corrected / truth, 0.93, 1.07);
    }

    [Fact]
    public void TheCoreDensityOfAThinSliceBallIsItsOwnDensity()
    {
        var volume = Ball(0.7, 0.7, 1.25, 3.5, Vector3D.Zero);
        var segmentation = new NoduleSegmenter().SegmentAt(volume, Vector3D.Zero)!;

        Assert.InRange(PartialVolumeVolumetry.CoreDensityHu(volume, segmentation), -60, 0);
    }

    [Fact]
    public void ThickSlicesChangeTheMaskVolumeWithTheSamplingPhaseButNotTheCorrectedVolume()
    {
        double Corrected(double phase, out double mask)
        {
            var volume = Ball(0.84, 0.84, 5, 4, new Vector3D(0, 0, phase * 5));
            var segmentation = new NoduleSegmenter().SegmentAt(volume, new Vector3D(0, 0, phase * 5))!;
            mask = segmentation.Measurement.VolumeMm3;
            return PartialVolumeVolumetry.VolumeMm3(volume, segmentation, 0);
        }

        double a = Corrected(0, out double maskA), b = Corrected(0.5, out double maskB);

        Assert.True(Math.Abs(maskA - maskB) / Math.Min(maskA, maskB) > 0.15, $"mask volumes {maskA:0} and {maskB:0} mm³");
        Assert.InRange(a / b, 0.95, 1.05);
    }

    /// <summary>A ball of 0 HU in −850 HU lung, voxel values from 4 × 4 × 4 subsamples of each voxel.</summary>
    private static CtVolume Ball(double sx, double sy, double sz, double radius, Vector3D centre)
    {
        int nx = (int)Math.Ceiling(40 / sx), ny = (int)Math.Ceiling(40 / sy), nz = (int)Math.Ceiling(40 / sz);
        var volume = CtVolume.CreateAxial(nx, ny, nz, new Vector3D(sx, sy, sz), new Vector3D(-(nx - 1) * sx / 2, -(ny - 1) * sy / 2, -(nz - 1) * sz / 2));
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                for (int x = 0; x < nx; x++)
                {
                    var p = volume.VoxelToWorld(x, y, z);
                    int inside = 0;
                    for (int k = 0; k < 64; k++)
                    {
                        var q = p + new Vector3D((((k & 3) + 0.5) / 4 - 0.5) * sx, ((((k >> 2) & 3) + 0.5) / 4 - 0.5) * sy, (((k >> 4) + 0.5) / 4 - 0.5) * sz) - centre;
                        inside += q.Length <= radius ? 1 : 0;
                    }

                    volume[x, y, z] = (short)Math.Round(-850 + (850 * inside / 64.0));
                }
            }
        }

        return volume;
    }
}
