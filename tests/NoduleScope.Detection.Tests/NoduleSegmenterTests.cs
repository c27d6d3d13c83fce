using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Detection.Tests;

public sealed class NoduleSegmenterTests
{
    private static CtVolume Lung(Vector3D spacing, int size = 60) =>
        CtVolume.CreateAxial(size, size, (int)(size * spacing.X / spacing.Z), spacing, new Vector3D(-size * spacing.X / 2, -size * spacing.Y / 2, -size * spacing.X / 2), Filled(size, size, (int)(size * spacing.X / spacing.Z)));

    private static short[] Filled(int x, int y, int z)
    {
        var v = new short[x * y * z];
        Array.Fill(v, (short)-850);
        return v;
    }

    private static void Paint(CtVolume volume, Func<Vector3D, bool> inside, short hu)
    {
        for (int z = 0; z < volume.SizeZ; z++)
        {
            for (int y = 0; y < volume.SizeY; y++)
            {
                for (int x = 0; x < volume.SizeX; x++)
                {
                    if (inside(volume.VoxelToWorld(x, y, z)))
                    {
                        volume[x, y, z] = hu;
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(4.0, 0.7, 1.25)]
    [InlineData(6.0, 0.7, 1.25)]
    [InlineData(10.0, 0.6, 0.6)]
    public void MeasuresASolidSphereWithinHalfAMillimetre(double diameter, double inPlane, double sliceSpacing)
    {
        var volume = Lung(new Vector3D(inPlane, inPlane, sliceSpacing));
        var center = new Vector3D(0.3, -0.2, 0.1);
        Paint(volume, p => (p - center).Length <= diameter / 2, 30);
        var result = new NoduleSegmenter().Segment(volume, center, diameter / 2)!;
        Assert.NotNull(result);
        Assert.Equal(diameter, result.Measurement.MeanDiameterMm, 0.5);
        Assert.Equal(diameter, result.Measurement.EquivalentDiameterMm, 0.5);
        Assert.True((result.Measurement.Centroid - center).Length < 0.5);
        Assert.Equal(30, result.Measurement.MeanHu, 1);
    }

    [Fact]
    public void CutsAnAttachedVesselAway()
    {
        var volume = Lung(new Vector3D(0.7, 0.7, 0.7), 80);
        var center = Vector3D.Zero;
        Paint(volume, p => p.Length <= 4, 40);
        // A 2 mm vessel running through the nodule along x.
        Paint(volume, p => (p.Y * p.Y) + (p.Z * p.Z) <= 1.0, 40);
        var result = new NoduleSegmenter().Segment(volume, center, 4)!;
        double sphere = 4.0 / 3 * Math.PI * 64;
        Assert.InRange(result.Measurement.VolumeMm3, sphere * 0.85, sphere * 1.25);

        // The vessel itself is cut off; short stubs where it joins the nodule remain (at most a few millimetres).
        Assert.InRange(result.Measurement.LongAxisMm, 7.5, 11);
        Assert.Equal(8, result.Measurement.ShortAxisMm, 1.0);
    }

    [Fact]
    public void LeavesTheStubsOfAThinVesselOutOfTheAxes()
    {
        var volume = Lung(new Vector3D(0.7, 0.7, 0.7), 80);
        Paint(volume, p => p.Length <= 4, 40);
        // A 1 mm vessel along x: the opening by reconstruction leaves stubs of it on both sides of the nodule.
        Paint(volume, p => (p.Y * p.Y) + (p.Z * p.Z) <= 0.25, 40);
        var withStubs = new NoduleSegmenter(new NoduleSegmenterOptions { MeasureOpeningMm = 0 }).Segment(volume, Vector3D.Zero, 4)!;
        var result = new NoduleSegmenter().Segment(volume, Vector3D.Zero, 4)!;
        Assert.True(withStubs.Measurement.LongAxisMm > result.Measurement.LongAxisMm + 0.5);
        Assert.Equal(8, result.Measurement.LongAxisMm, 0.5);
        Assert.Equal(8, result.Measurement.ShortAxisMm, 0.5);
    }

    [Fact]
    public void OutlinesThePartialVolumeRimButMeasuresInsideIt()
    {
        var volume = Lung(new Vector3D(0.7, 0.7, 0.7), 80);
        // A solid 8 mm nodule in a 1 mm rim of partial volume (a third of the way from lung to the nodule).
        Paint(volume, p => p.Length <= 5, -550);
        Paint(volume, p => p.Length <= 4, 30);
        var result = new NoduleSegmenter().Segment(volume, Vector3D.Zero, 4)!;
        Assert.Equal(8, result.Measurement.MeanDiameterMm, 0.5);
        Assert.Equal(8, result.Measurement.EquivalentDiameterMm, 0.5);
        long mask = result.Mask.CountNonZero(), outline = result.Outline.CountNonZero();
        for (int i = 0; i < result.Mask.Data.Length; i++)
        {
            Assert.True(result.Mask.Data[i] == 0 || result.Outline.Data[i] != 0);
        }

        double outlineDiameter = Math.Cbrt(6 * outline * result.Outline.Grid.VoxelVolume / Math.PI);
        Assert.True(outline > mask);
        Assert.Equal(10, outlineDiameter, 0.5);
    }

    [Fact]
    public void SegmentsAGroundGlassNoduleAndReportsNoSolidPart()
    {
        var volume = Lung(new Vector3D(0.7, 0.7, 1.0));
        Paint(volume, p => p.Length <= 5, -600);
        var result = new NoduleSegmenter().Segment(volume, Vector3D.Zero, 5)!;
        Assert.Equal(-750, result.ThresholdHu);
        Assert.Equal(10, result.Measurement.MeanDiameterMm, 0.7);
        Assert.Equal(0, result.Measurement.SolidVolumeMm3);
    }

    [Fact]
    public void ReturnsNothingWhereThereIsOnlyLung()
    {
        var volume = Lung(new Vector3D(0.7, 0.7, 1.0));
        Assert.Null(new NoduleSegmenter().Segment(volume, Vector3D.Zero, 3));
    }
}
