using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Tests;

public sealed class BlobRankingTests
{
    private static readonly IReadOnlyList<string> Names = BlobRankFeatures.Names(new CandidateGeneratorOptions().ScalesMm.Count);

    /// <summary>A one-split ranker: probability high when feature <paramref name="feature"/> is above 0.5.</summary>
    private static GradientBoostedTrees Ranker(int feature, IReadOnlyList<string>? names = null) => new()
    {
        Name = "test ranker",
        FeatureNames = names ?? Names,
        BaseScore = 0,
        Trees = [new RegressionTree([feature, -1, -1], [0.5f, 0, 0], [1, -1, -1], [2, -1, -1], [0, -3, 3])],
    };

    private static Candidate Blob(double x, double handRank, float flag)
    {
        var features = new float[Names.Count];
        features[Names.ToList().IndexOf("in_lung")] = flag;
        return new Candidate(new Vector3D(x, 0, 0), 2, handRank, CandidateSource.Blob) { RankFeatures = features };
    }

    [Fact]
    public void EachMaximumTakesTheBetterOfItsHandSetAndLearnedRanks()
    {
        // Hand-set order: a b c d. The ranker prefers c and d (flag 1). Better ranks: a 0, b 1, c 0, d 1.
        var found = new List<Candidate> { Blob(0, 40, 0), Blob(10, 30, 0), Blob(20, 20, 1), Blob(30, 10, 1) };
        var component = new Candidate(new Vector3D(100, 0, 0), 6, 50, CandidateSource.DenseComponent);
        found.Add(component);
        CandidateGenerator.Rank(found, Ranker(Names.ToList().IndexOf("in_lung")));
        Assert.Equal([1.0, 0.5, 1.0, 0.5], found.Take(4).Select(c => c.Priority!.Value));
        Assert.Null(found[4].Priority);

        // The cap now keeps the learned favourite c among the first two blobs, which the hand-set order alone would not.
        var kept = new CandidateGenerator(new CandidateGeneratorOptions { MaxCandidates = 3, Ranker = null }).Suppress(found);
        Assert.Same(component, kept[0]);
        Assert.Contains(kept.Skip(1), c => c.Center.X == 20);
        Assert.Equal(40.0, kept[1].Response);
    }

    [Fact]
    public void SuppressionRanksByPriorityWhenThereIsOne()
    {
        var strongHand = new Candidate(Vector3D.Zero, 2, 500, CandidateSource.Blob) { Priority = 0.2 };
        var learned = new Candidate(new Vector3D(1, 0, 0), 2, 100, CandidateSource.Blob) { Priority = 0.9 };
        var kept = new CandidateGenerator(new CandidateGeneratorOptions { Ranker = null }).Suppress([strongHand, learned]);
        Assert.Equal([learned], kept);
    }

    [Fact]
    public void ARankerTrainedOnOtherFeaturesIsRefused()
    {
        var names = Names.Take(Names.Count - 1).ToList();
        var e = Assert.Throws<InvalidDataException>(() => new CandidateGenerator(new CandidateGeneratorOptions { Ranker = Ranker(0, names) }));
        Assert.Contains("retrain", e.Message);
    }

    [Fact]
    public void TheRankingInUseIsNamedWithItsModelHash()
    {
        Assert.StartsWith("hand-set", new CandidateGenerator(new CandidateGeneratorOptions { Ranker = null }).RankerDescription);
        var ranker = Ranker(0);
        Assert.Equal($"test ranker ({GradientBoostedTrees.Hash(ranker.ToJson())})", new CandidateGenerator(new CandidateGeneratorOptions { Ranker = ranker }).RankerDescription);
        var shipped = BlobRankerModel.Embedded;
        Assert.NotNull(shipped);
        Assert.Equal($"{BlobRankerTraining.ModelName} ({BlobRankerModel.EmbeddedHash})", new CandidateGenerator().RankerDescription);
        Assert.Equal(BlobRankFeatures.Names(new CandidateGeneratorOptions().ScalesMm.Count), shipped.FeatureNames);
    }

    [Fact]
    public void MaximaAreLabelledOnTheNoduleClearOfItOrLeftOut()
    {
        var scan = new RankerScan("s", "b", [], [new LesionRegion(Vector3D.Zero, 10)], [new LesionRegion(new Vector3D(50, 0, 0), 1) { Box = (new Vector3D(45, -5, -5), new Vector3D(60, 5, 5)) }]);
        Assert.Equal(CandidateLabel.Nodule, BlobRankerTraining.LabelOf(Blob(4.9, 1, 0), scan));
        Assert.Equal(CandidateLabel.Excluded, BlobRankerTraining.LabelOf(Blob(6.5, 1, 0), scan));
        Assert.Equal(CandidateLabel.Negative, BlobRankerTraining.LabelOf(Blob(7.5, 1, 0), scan));
        Assert.Equal(CandidateLabel.Excluded, BlobRankerTraining.LabelOf(Blob(58, 1, 0), scan));
    }

    [Fact]
    public void ASphereInAeratedLungHasAirAroundItAndAVesselCrossesItsShell()
    {
        // A 6 mm solid sphere and a 6 mm wide vessel along z in lung-density tissue: the features at the sphere's maximum
        // see air all round; at the vessel's maxima opposite shell points along z are dense.
        var volume = SphereBesideVessel.Create();
        var found = new CandidateGenerator(new CandidateGeneratorOptions { Ranker = null }).FindAll(volume, SphereBesideVessel.AllLung(volume));
        var sphereCenter = volume.VoxelToWorld(SphereBesideVessel.Sphere.X, SphereBesideVessel.Sphere.Y, SphereBesideVessel.Sphere.Z);
        var sphere = found.Where(c => c.Source == CandidateSource.Blob).MinBy(c => (c.Center - sphereCenter).Length)!;
        // A tube's strongest maxima are at its cut ends (the volume's faces); take the one nearest the middle.
        var vesselMiddle = volume.VoxelToWorld(SphereBesideVessel.Vessel.X, SphereBesideVessel.Vessel.Y, 40);
        var vessel = found.Where(c => c.Source == CandidateSource.Blob && Math.Abs(c.Center.X - vesselMiddle.X) < 2).MinBy(c => (c.Center - vesselMiddle).Length)!;
        float Feature(Candidate c, string name) => c.RankFeatures![Names.ToList().IndexOf(name)];

        Assert.Equal(Names.Count, sphere.RankFeatures!.Length);
        Assert.Equal(1, Feature(sphere, "in_lung"));
        Assert.Equal(1, Feature(sphere, "shell2_5_air_fraction"));
        Assert.Equal(0, Feature(sphere, "shell2_5_antipodal_dense"));
        Assert.True(Feature(sphere, "hu_scale0") > -200, $"centre {Feature(sphere, "hu_scale0")} HU");
        Assert.True(Feature(vessel, "shell1_5_antipodal_dense") > 0, string.Join(", ", Names.Zip(vessel.RankFeatures!, (n, v) => $"{n}={v}")));
        Assert.True(Math.Abs(vessel.Center.Z - vesselMiddle.Z) < 25, $"vessel maximum at {vessel.Center}");
        Assert.True(Feature(vessel, "shell2_5_air_fraction") < 1);
        Assert.True(Feature(sphere, "dotness") > Feature(vessel, "dotness"));
    }
}
