using NoduleScope.Detection.Candidates;
using NoduleScope.Imaging;

namespace NoduleScope.Detection.Tests;

public sealed class CandidateSuppressionTests
{
    [Fact]
    public void ABlobInsideALargeComponentsRadiusButOffItIsKept()
    {
        // A vessel tree's dense component has a large equivalent radius (here 22 mm) that says how big it is, not where
        // it lies: a strong blob 10 mm from its centroid is another finding (regression: such nodules were merged away).
        var component = new Candidate(Vector3D.Zero, 22, 80, CandidateSource.DenseComponent);
        var blob = new Candidate(new Vector3D(10, 0, 0), 2.3, 500, CandidateSource.Blob);
        var onComponent = new Candidate(new Vector3D(1.5, 0, 0), 2.3, 400, CandidateSource.Blob);
        var kept = new CandidateGenerator().Suppress([blob, component, onComponent]);
        Assert.Equal(2, kept.Count);
        Assert.Same(component, kept[0]);
        Assert.Same(blob, kept[1]);
    }

    [Fact]
    public void BlobsOfOneDetectorWithinTheLargerRadiusAreOneFinding()
    {
        var strong = new Candidate(Vector3D.Zero, 5, 500, CandidateSource.Blob);
        var near = new Candidate(new Vector3D(4, 0, 0), 2, 300, CandidateSource.Blob);
        var far = new Candidate(new Vector3D(6, 0, 0), 2, 200, CandidateSource.Blob);
        var kept = new CandidateGenerator().Suppress([near, far, strong]);
        Assert.Equal([strong, far], kept);
    }

    [Fact]
    public void TheListIsCappedStrongestFirst()
    {
        var many = new List<Candidate>();
        for (int i = 0; i < 10; i++)
        {
            many.Add(new Candidate(new Vector3D(i * 10, 0, 0), 2, i, CandidateSource.Blob));
        }

        var kept = new CandidateGenerator(new CandidateGeneratorOptions { MaxCandidates = 3 }).Suppress(many);
        Assert.Equal([9.0, 8.0, 7.0], kept.Select(c => c.Response));
    }
}
