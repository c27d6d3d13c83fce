using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Imaging.Tests.Synthetic;

public sealed class SyntheticChestPhantomTests
{
    private const int Size = 128;
    private const int Slices = 64;
    private const double Spacing = 2.5;

    [Fact]
    public void SameSeedGivesSameVoxelsAndAnotherSeedDoesNot()
    {
        var a = SyntheticChestPhantom.Create(64, 16, Spacing, seed: 5);
        var b = SyntheticChestPhantom.Create(64, 16, Spacing, seed: 5);
        var c = SyntheticChestPhantom.Create(64, 16, Spacing, seed: 6);

        Assert.Equal(a.Voxels, b.Voxels);
        Assert.NotEqual(a.Voxels, c.Voxels);
    }

    [Fact]
    public void TissuesHavePlausibleHounsfieldValues()
    {
        var phantom = SyntheticChestPhantom.Create(Size, Slices, Spacing, seed: 1);
        int mid = Slices / 2;

        Assert.InRange(MeanAround(phantom, 2, 2, mid, 1), -1010, -990);
        Assert.InRange(MeanAround(phantom, Size / 2, Size / 2, mid, 1), 20, 60);
        Assert.InRange(MeanAround(phantom, (int)(Size * 0.7), Size / 2, mid, 1), -880, -820);
        Assert.InRange(MeanAround(phantom, (int)(Size * 0.3), Size / 2, mid, 1), -880, -820);
        Assert.InRange(MeanAround(phantom, Size / 2, (int)(Size * 0.72), mid, 1), 650, 750);
        int tableRow = (int)Math.Ceiling(((Size - 1) / 2.0) + (0.35 * Size));
        Assert.InRange(MeanAround(phantom, Size / 2, tableRow, mid, 0), 100, 200);
    }

    [Fact]
    public void NodulesSitInTheLungsWithTheirDensity()
    {
        var phantom = SyntheticChestPhantom.Create(Size, Slices, Spacing, seed: 3);
        var nodules = SyntheticChestPhantom.Nodules(Size, Slices, Spacing, seed: 3);

        Assert.Equal(4, nodules.Count);
        Assert.Single(nodules, n => n.IsGroundGlass);
        foreach (var nodule in nodules)
        {
            var index = phantom.WorldToVoxel(nodule.Center);
            int x = (int)Math.Round(index.X), y = (int)Math.Round(index.Y), z = (int)Math.Round(index.Z);
            double expected = nodule.IsGroundGlass ? SyntheticChestPhantom.GroundGlassNoduleHu : SyntheticChestPhantom.SolidNoduleHu;
            double fourSigma = nodule.IsGroundGlass ? 120 : 60;
            Assert.InRange(phantom[x, y, z], expected - fourSigma, expected + fourSigma);

            // 2 mm past its edge, towards the middle of its lung, is lung again.
            int outside = (int)Math.Ceiling(((nodule.DiameterMm / 2) + 2) / Spacing);
            double lungCentreX = x > Size / 2 ? ((Size - 1) / 2.0) + (0.2 * Size) : ((Size - 1) / 2.0) - (0.2 * Size);
            int step = x <= lungCentreX ? outside : -outside;
            Assert.InRange(phantom[x + step, y, z], -1000, -700);
        }
    }

    [Fact]
    public void RejectsSizesThatCannotHoldTheAnatomy()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticChestPhantom.Create(8, 4, Spacing, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticChestPhantom.Create(64, 0, Spacing, seed: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticChestPhantom.Create(64, 4, double.NaN, seed: 0));
    }

    private static double MeanAround(CtVolume volume, int x, int y, int z, int radius)
    {
        double sum = 0;
        int count = 0;
        for (int k = z - radius; k <= z + radius; k++)
        {
            for (int j = y - radius; j <= y + radius; j++)
            {
                for (int i = x - radius; i <= x + radius; i++)
                {
                    sum += volume[i, j, k];
                    count++;
                }
            }
        }

        return sum / count;
    }
}
