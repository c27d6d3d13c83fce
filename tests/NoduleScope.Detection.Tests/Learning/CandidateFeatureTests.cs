using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Scoring;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Detection.Tests.Learning;

public sealed class CandidateFeatureTests
{
    [Fact]
    public void TheVectorHasOneValuePerNamedFeature()
    {
        var f = new CandidateFeatures { BlobResponse = 1, BlobRadiusMm = 2, Segmented = false };
        Assert.Equal(CandidateFeatures.Names.Count, f.ToVector().Length);
        Assert.Equal(CandidateFeatures.Names.Count, CandidateFeatures.Names.Distinct().Count());
    }

    /// <summary>A sphere in aerated lung is dense on none of the 2R shell; a vessel through it is dense at two opposite
    /// points; the chest wall fills a hemisphere.</summary>
    [Fact]
    public void ShellsTellANoduleFromAVesselAndFromTheChestWall()
    {
        var sphere = Scene((x, y, z) => (x * x) + (y * y) + (z * z) <= 16);
        var vessel = Scene((x, y, z) => (x * x) + (y * y) + (z * z) <= 16 || ((x * x) + (y * y) <= 2.25));
        var wall = Scene((x, y, z) => (x * x) + (y * y) + (z * z) <= 16 || x >= 5);

        Assert.Equal(0, sphere.Shells.AntipodalDense20);
        Assert.True(vessel.Shells.AntipodalDense20 > 0, "the vessel crosses the shell at opposite points");
        Assert.True(wall.Shells.HemisphereDense20 > 0.25, $"hemisphere {wall.Shells.HemisphereDense20}");
        Assert.True(sphere.Shells.HemisphereDense20 < 0.05);
        Assert.True(sphere.Shells.CentreHu > 0 && sphere.Shells.MeanHu[4] < -800);
    }

    private static CandidateFeatures Scene(Func<double, double, double, bool> dense)
    {
        var volume = CtVolume.CreateAxial(41, 41, 41, new Vector3D(1, 1, 1), new Vector3D(-20, -20, -20));
        var lungs = new Imaging.Processing.MaskVolume(volume.Grid);
        for (int z = 0; z < 41; z++)
        {
            for (int y = 0; y < 41; y++)
            {
                for (int x = 0; x < 41; x++)
                {
                    bool d = dense(x - 20, y - 20, z - 20);
                    volume[x, y, z] = d ? (short)40 : (short)-850;
                    lungs[x, y, z] = LungSegmentation.RightLung;
                }
            }
        }

        var extractor = new CandidateFeatureExtractor(volume, new LungSegmentation(lungs, [], airwayRemoved: true));
        var candidate = new Candidate(Vector3D.Zero, 4, 100, CandidateSource.Blob) { Strength = 100, Lambda1 = 10, Lambda2 = 9, Lambda3 = 8, NegativeEigenvalues = 3 };
        var segmentation = new NoduleSegmenter().Segment(volume, Vector3D.Zero, 4);
        return extractor.Extract(candidate, segmentation);
    }
}
