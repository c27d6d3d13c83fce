using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Tests.Characterization;

public sealed class NoduleMarginAnalyzerTests
{
    private const double Lung = -850, Nodule = 40;

    [Fact]
    public void ASharpEdgeIsNarrow()
    {
        var margin = Analyze(r => r <= 5 ? Nodule : Lung);
        Assert.NotNull(margin.EdgeWidthMm);
        Assert.True(margin.EdgeWidthMm <= 1.0, $"edge width {margin.EdgeWidthMm} mm");
        Assert.True(margin.MeasuredRays >= 60, $"{margin.MeasuredRays} rays");
    }

    [Fact]
    public void ALinearFourMillimetreRampMeasuresAsItsTenToNinetyPercentWidth()
    {
        // HU falls linearly from the nodule's level to the lung's between r = 4 and r = 8 mm: 10–90 % is 3.2 mm.
        var margin = Analyze(r => r <= 4 ? Nodule : r >= 8 ? Lung : Nodule + ((Lung - Nodule) * (r - 4) / 4));
        Assert.NotNull(margin.EdgeWidthMm);
        Assert.InRange(margin.EdgeWidthMm!.Value, 2.6, 3.8);
    }

    [Fact]
    public void AWiderRampIsWiderThanASharpEdge()
    {
        var sharp = Analyze(r => r <= 5 ? Nodule : Lung);
        var blurred = Analyze(r => r <= 4 ? Nodule : r >= 6.5 ? Lung : Nodule + ((Lung - Nodule) * (r - 4) / 2.5));
        Assert.True(blurred.EdgeWidthMm > sharp.EdgeWidthMm + 1, $"{blurred.EdgeWidthMm} vs {sharp.EdgeWidthMm}");
    }

    [Fact]
    public void WithoutAeratedLungAroundNoEdgeIsMeasured()
    {
        // A dense ball in fat-like tissue: no ray reaches lung, so the margin is unknown rather than a guess.
        var margin = Analyze(r => r <= 5 ? 60 : -450);
        Assert.Null(margin.EdgeWidthMm);
    }

    private static NoduleMargin Analyze(Func<double, double> hu)
    {
        var volume = CtVolume.CreateAxial(45, 45, 21, new Vector3D(0.7, 0.7, 1.0), new Vector3D(-15.4, -15.4, -10));
        for (int z = 0; z < volume.SizeZ; z++)
        {
            for (int y = 0; y < volume.SizeY; y++)
            {
                for (int x = 0; x < volume.SizeX; x++)
                {
                    volume[x, y, z] = (short)Math.Round(hu(volume.VoxelToWorld(x, y, z).Length));
                }
            }
        }

        var segmentation = new NoduleSegmenter().SegmentAt(volume, Vector3D.Zero);
        Assert.NotNull(segmentation);
        return NoduleMarginAnalyzer.Analyze(volume, segmentation);
    }
}
