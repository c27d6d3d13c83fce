using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Detection.Tests.Synthesis;

public sealed class LesionBlendingTests
{
    private const double RadiusMm = 6;
    private const short CropLungHu = -700;
    private const short CropNoduleHu = 40;

    private static readonly Lazy<(CtVolume Volume, LungSegmentation Lungs)> Phantom = new(() =>
    {
        var volume = SyntheticChestPhantom.Create(160, 100, 2.0, 3);
        return (volume, new LungSegmenter().Segment(volume));
    });

    /// <summary>A 40 HU sphere in lung denser than the background's, on a 0.7 × 0.7 × 1.25 mm grid, with its mask.</summary>
    private static LidcNodule SphereNodule()
    {
        var spacing = new Vector3D(0.7, 0.7, 1.25);
        var crop = CtVolume.CreateAxial(41, 41, 21, spacing, new Vector3D(100, 50, -20));
        var mask = CtVolume.CreateAxial(41, 41, 21, spacing, crop.Origin);
        var centre = crop.VoxelToWorld(20, 20, 10);
        for (int z = 0; z < crop.SizeZ; z++)
        {
            for (int y = 0; y < crop.SizeY; y++)
            {
                for (int x = 0; x < crop.SizeX; x++)
                {
                    bool inside = (crop.VoxelToWorld(x, y, z) - centre).Length <= RadiusMm;
                    crop[x, y, z] = inside ? CropNoduleHu : CropLungHu;
                    mask[x, y, z] = inside ? (short)1 : (short)0;
                }
            }
        }

        return new LidcNodule("SPHERE", "1", centre, 2 * RadiusMm, LidcNodule.SolidTexture, LidcNodule.NoCalcification, crop, mask);
    }

    [Fact]
    public void SphereGivesNoduleHuRelativeToItsOwnLungWithASoftEdgeAndLeavesTheRestAlone()
    {
        var (volume, lungs) = Phantom.Value;
        var result = new LesionInserter().Insert(volume, lungs, [SphereNodule()], LesionPlacement.Parenchyma, seed: 11);

        var inserted = Assert.Single(result.Nodules);
        Assert.Equal(LesionPlacement.Parenchyma, inserted.Placement);
        Assert.Equal(2 * RadiusMm, inserted.DiameterMm);
        Assert.NotEqual(0, lungs.LungAt(inserted.Center));
        var c = volume.WorldToVoxel(inserted.Center);
        int cx = (int)Math.Round(c.X), cy = (int)Math.Round(c.Y), cz = (int)Math.Round(c.Z);

        // Profile along x (2 mm voxels): the background gains nodule − crop lung = 740 HU inside, nothing outside.
        const int Contrast = CropNoduleHu - CropLungHu;
        for (int step = -6; step <= 6; step++)
        {
            double mm = Math.Abs(step) * volume.Spacing.X;
            short before = volume[cx + step, cy, cz], after = result.Volume[cx + step, cy, cz];
            if (mm <= RadiusMm - 2)
            {
                Assert.InRange(after - before, Contrast - 5, Contrast + 5);
            }
            else if (mm <= RadiusMm - 1)
            {
                // One mm inside the edge the feather (sigma 0.5 mm) has almost reached full weight.
                Assert.InRange(after - before, 0.95 * Contrast, Contrast + 5);
            }
            else if (mm >= RadiusMm + 3)
            {
                Assert.Equal(before, after);
            }
        }

        // At the mask edge both the feathered weight and the resampled nodule HU are about halfway: a quarter of the contrast.
        int edge = (int)Math.Round(RadiusMm / volume.Spacing.X);
        Assert.InRange(result.Volume[cx + edge, cy, cz] - volume[cx + edge, cy, cz], 0.1 * Contrast, 0.5 * Contrast);

        // Nothing outside the blend region changes.
        long changedFar = 0;
        for (int z = 0; z < volume.SizeZ; z++)
        {
            for (int y = 0; y < volume.SizeY; y++)
            {
                for (int x = 0; x < volume.SizeX; x++)
                {
                    if ((volume.VoxelToWorld(x, y, z) - inserted.Center).Length > inserted.ExtentRadiusMm && volume[x, y, z] != result.Volume[x, y, z])
                    {
                        changedFar++;
                    }
                }
            }
        }

        Assert.Equal(0, changedFar);
    }

    [Fact]
    public void SameSeedGivesTheSameVolumeAndAnotherSeedAnotherPlace()
    {
        var (volume, lungs) = Phantom.Value;
        var inserter = new LesionInserter();
        var a = inserter.Insert(volume, lungs, [SphereNodule(), SphereNodule()], LesionPlacement.All, seed: 5);
        var b = inserter.Insert(volume, lungs, [SphereNodule(), SphereNodule()], LesionPlacement.All, seed: 5);
        var c = inserter.Insert(volume, lungs, [SphereNodule(), SphereNodule()], LesionPlacement.All, seed: 6);

        Assert.Equal(a.Volume.Voxels, b.Volume.Voxels);
        Assert.Equal(a.Nodules, b.Nodules);
        Assert.NotEqual(a.Nodules[0].Center, c.Nodules[0].Center);
        Assert.True((a.Nodules[0].Center - a.Nodules[1].Center).Length >= a.Nodules[0].ExtentRadiusMm + a.Nodules[1].ExtentRadiusMm);
    }

    [Fact]
    public void RejectsAnEmptyMaskAndNoPlacementKind()
    {
        var (volume, lungs) = Phantom.Value;
        var sphere = SphereNodule();
        var empty = new LidcNodule("EMPTY", "1", sphere.Center, 4, 5, 6, sphere.Crop, sphere.Crop.WithVoxels(new short[sphere.Crop.Voxels.Length]));
        Assert.Throws<ArgumentException>(() => new LesionInserter().Insert(volume, lungs, [empty], LesionPlacement.All, 1));
        Assert.Throws<ArgumentException>(() => new LesionInserter().Insert(volume, lungs, [sphere], LesionPlacement.None, 1));
    }
}
