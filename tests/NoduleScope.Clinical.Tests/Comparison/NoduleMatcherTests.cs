using NoduleScope.Clinical.Comparison;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class NoduleMatcherTests
{
    private static readonly MatchingOptions Options = new();

    [Fact]
    public void PairsNearbyNodulesAndLeavesFarOnesUnpaired()
    {
        var current = new List<(Vector3D, double)> { (new(10, 0, 0), 6), (new(-40, 20, 5), 8), (new(0, 60, -30), 5) };
        var prior = new List<(Vector3D, double)> { (new(-41, 21, 4), 7), (new(11, 1, 0), 6), (new(50, -50, 50), 6) };

        var pairs = NoduleMatcher.Match(current, prior, Options);

        Assert.Equal([(0, 1), (1, 0)], pairs.OrderBy(p => p.Current));
    }

    [Fact]
    public void TwoCloseNodulesKeepTheirOwnPartners()
    {
        // Both current nodules are nearest the same prior one; the assignment still gives each its own.
        var current = new List<(Vector3D, double)> { (new(0, 0, 0), 5), (new(6, 0, 0), 5) };
        var prior = new List<(Vector3D, double)> { (new(2, 0, 0), 5), (new(8.5, 0, 0), 5) };

        var pairs = NoduleMatcher.Match(current, prior, Options);

        Assert.Equal([(0, 0), (1, 1)], pairs.OrderBy(p => p.Current));
    }

    [Fact]
    public void TheGateGrowsWithTheNodule()
    {
        // 12 mm apart: beyond the gate of 5 mm nodules (3 × (2 + 1.25) = 9.75 mm), within that of 20 mm ones (21 mm).
        var small = NoduleMatcher.Match([(new Vector3D(0, 0, 0), 5)], [(new Vector3D(12, 0, 0), 5)], Options);
        var large = NoduleMatcher.Match([(new Vector3D(0, 0, 0), 20)], [(new Vector3D(12, 0, 0), 18)], Options);

        Assert.Empty(small);
        Assert.Single(large);
    }

    [Fact]
    public void ConfidenceFallsWithDistance()
    {
        Assert.Equal(1, Options.Confidence(0, 6, 6), 9);
        Assert.Equal(Math.Exp(-0.5), Options.Confidence(3.5, 6, 6), 9);
        Assert.True(Options.Confidence(10, 6, 6) < 0.02);
    }

    [Fact]
    public void NoNodulesOnOneSideMeansNoPairs()
    {
        Assert.Empty(NoduleMatcher.Match([], [(new Vector3D(0, 0, 0), 5)], Options));
        Assert.Empty(NoduleMatcher.Match([(new Vector3D(0, 0, 0), 5)], [], Options));
    }
}
