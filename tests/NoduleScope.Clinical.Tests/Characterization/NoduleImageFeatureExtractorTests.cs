using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Tests.Characterization;

public sealed class NoduleImageFeatureExtractorTests
{
    [Fact]
    public void ASolidSphereIsSolidRoundAndCompact()
    {
        var f = Features((x, y, z, r) => r <= 4 ? 40 : -850);
        Assert.InRange(f.MeanDiameterMm, 7, 9.5);
        Assert.True(f.FractionAboveMinus300 > 0.8, $"solid fraction {f.FractionAboveMinus300}");
        Assert.Equal(0, f.FractionAbove200);
        Assert.Equal(-1, f.CalciumCentrality);
        Assert.True(f.RadialCv < 0.2, $"radial CV {f.RadialCv}");
        Assert.True(f.OpeningLoss < 0.3, $"opening loss {f.OpeningLoss}");
        Assert.True(f.HaloHu < -600, $"halo {f.HaloHu}");
        Assert.Equal(NoduleImageFeatures.Names.Count, f.ToVector().Length);
    }

    [Fact]
    public void ACentralCalciumCoreIsCentralAndDense()
    {
        var f = Features((x, y, z, r) => r <= 2 ? 600 : r <= 4 ? 40 : -850);
        Assert.True(f.FractionAbove200 > 0.05 && f.FractionAbove200 < 0.5, $"calcium fraction {f.FractionAbove200}");
        Assert.InRange(f.CalciumCentrality, 0, 0.2);
        Assert.True(f.HuMax >= 600);
    }

    [Fact]
    public void AGroundGlassSphereHasLowDensity()
    {
        var f = Features((x, y, z, r) => r <= 5 ? -600 : -880);
        Assert.True(f.FractionAboveMinus300 < 0.05, $"solid fraction {f.FractionAboveMinus300}");
        Assert.InRange(f.HuMean, -700, -450);
    }

    [Fact]
    public void SpiculesRaiseIrregularity()
    {
        var round = Features((x, y, z, r) => r <= 4 ? 40 : -850);
        var spiculated = Features((x, y, z, r) => r <= 4 || (r <= 9 && ((Math.Abs(y) <= 0.5 && Math.Abs(z) <= 0.5) || (Math.Abs(x) <= 0.5 && Math.Abs(z) <= 0.5))) ? 40 : -850);
        Assert.True(spiculated.RadialCv > round.RadialCv, $"{spiculated.RadialCv} vs {round.RadialCv}");
        Assert.True(spiculated.SurfacePerVolume > round.SurfacePerVolume);
    }

    private static NoduleImageFeatures Features(Func<double, double, double, double, int> hu)
    {
        var volume = CtVolume.CreateAxial(41, 41, 41, new Vector3D(0.7, 0.7, 0.7), new Vector3D(-14, -14, -14));
        for (int z = 0; z < 41; z++)
        {
            for (int y = 0; y < 41; y++)
            {
                for (int x = 0; x < 41; x++)
                {
                    var w = volume.VoxelToWorld(x, y, z);
                    volume[x, y, z] = (short)hu(w.X, w.Y, w.Z, w.Length);
                }
            }
        }

        var segmentation = new NoduleSegmenter().SegmentAt(volume, Vector3D.Zero);
        Assert.NotNull(segmentation);
        return NoduleImageFeatureExtractor.Extract(volume, segmentation);
    }
}
