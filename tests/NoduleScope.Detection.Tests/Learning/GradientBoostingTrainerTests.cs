using NoduleScope.Detection.Learning;

namespace NoduleScope.Detection.Tests.Learning;

public sealed class GradientBoostingTrainerTests
{
    private static readonly string[] Names = ["a", "b", "noise"];

    /// <summary>Positive inside a disc, which no single split can express: the trees must combine splits.</summary>
    private static (List<float[]> Rows, List<bool> Labels) Disc(int n, int seed)
    {
        var random = new Random(seed);
        var rows = new List<float[]>();
        var labels = new List<bool>();
        for (int i = 0; i < n; i++)
        {
            float a = (float)((random.NextDouble() * 2) - 1), b = (float)((random.NextDouble() * 2) - 1);
            rows.Add([a, b, (float)random.NextDouble()]);
            labels.Add((a * a) + (b * b) < 0.4);
        }

        return (rows, labels);
    }

    [Fact]
    public void LearnsANonLinearBoundaryAndGeneralises()
    {
        var (rows, labels) = Disc(2000, 1);
        var model = new GradientBoostingTrainer(new GradientBoostingOptions { Trees = 150, MaxDepth = 3 }).Train(rows, labels, Names, "disc");
        var (test, truth) = Disc(1000, 2);
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
        {
            correct += (model.Probability(test[i]) >= 0.5) == truth[i] ? 1 : 0;
        }

        Assert.True(correct >= 920, $"{correct} of 1000 correct");
    }

    [Fact]
    public void TheSameDataAndSeedGiveTheSameModelAndAnotherSeedAnother()
    {
        var (rows, labels) = Disc(500, 3);
        var options = new GradientBoostingOptions { Trees = 20 };
        string first = new GradientBoostingTrainer(options).Train(rows, labels, Names, "m").ToJson();
        string second = new GradientBoostingTrainer(options).Train(rows, labels, Names, "m").ToJson();
        string other = new GradientBoostingTrainer(options with { Seed = 7 }).Train(rows, labels, Names, "m").ToJson();
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void AModelSurvivesItsJsonAndGivesTheSameProbabilities()
    {
        var (rows, labels) = Disc(500, 4);
        var model = new GradientBoostingTrainer(new GradientBoostingOptions { Trees = 30 }).Train(rows, labels, Names, "m") with { Card = new Dictionary<string, string> { ["seed"] = "2026" } };
        var back = GradientBoostedTrees.FromJson(model.ToJson(), "test");
        Assert.Equal(model.FeatureNames, back.FeatureNames);
        Assert.Equal("2026", back.Card["seed"]);
        foreach (var row in rows.Take(50))
        {
            Assert.Equal(model.Probability(row), back.Probability(row), 12);
        }
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"name\":\"x\",\"feature_names\":[],\"base_score\":0,\"trees\":[]}")]
    [InlineData("{\"name\":\"x\",\"feature_names\":[\"a\"],\"base_score\":0,\"trees\":[{\"feature\":[0],\"threshold\":[0],\"left\":[0],\"right\":[0],\"value\":[0]}]}")]
    [InlineData("{\"name\":\"x\",\"feature_names\":[\"a\"],\"base_score\":0,\"trees\":[{\"feature\":[5,-1,-1],\"threshold\":[0,0,0],\"left\":[1,-1,-1],\"right\":[2,-1,-1],\"value\":[0,0,0]}]}")]
    public void RejectsMalformedModelsInsteadOfLoopingOrReadingOutOfRange(string json)
    {
        var error = Assert.Throws<InvalidDataException>(() => GradientBoostedTrees.FromJson(json, "bad.json"));
        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsOfTheWrongWidthAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new GradientBoostingTrainer().Train([[1f, 2f]], [true], Names, "m"));
    }
}
