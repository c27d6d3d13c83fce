using System.Text;
using NoduleScope.Clinical.Comparison;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class PairOverridesFileTests
{
    [Fact]
    public void ReadsPairsAndForcedUnpairedNodules()
    {
        var pairs = Parse("""{"pairs": [{"prior": 1, "current": 2}, {"prior": 3, "current": null}, {"current": 4}]}""");

        Assert.Equal([new PairOverride(1, 2), new PairOverride(3, null), new PairOverride(null, 4)], pairs);
    }

    [Theory]
    [InlineData("[1, 2]", "\"pairs\" array")]
    [InlineData("""{"pairs": [{}]}""", "neither")]
    [InlineData("""{"pairs": [{"prior": 0, "current": 1}]}""", "finding id")]
    [InlineData("""{"pairs": [{"prior": "a"}]}""", "finding id")]
    [InlineData("""{"pairs": [{"prior": 1, "current": 1}, {"prior": 1, "current": 2}]}""", "repeats")]
    [InlineData("""{"pairs": [""", "not valid JSON")]
    public void RejectsDocumentsThatAreNotPairings(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Parse(json));
        Assert.Contains(expected, e.Message);
    }

    private static IReadOnlyList<PairOverride> Parse(string json) =>
        PairOverridesFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "pairs.json");
}
