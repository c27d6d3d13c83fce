using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoduleScope.Detection.Learning;

/// <summary>
/// A gradient-boosted tree ensemble for binary classification (logistic loss): probability = σ(base + Σ trees). The
/// feature names travel with the model so it is never applied to a different feature vector.
/// </summary>
public sealed record GradientBoostedTrees
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public required string Name { get; init; }

    public required IReadOnlyList<string> FeatureNames { get; init; }

    public required double BaseScore { get; init; }

    public required IReadOnlyList<RegressionTree> Trees { get; init; }

    /// <summary>How the model was made: data, seed, options and cross-validated metrics (the model card's source).</summary>
    public IReadOnlyDictionary<string, string> Card { get; init; } = new Dictionary<string, string>();

    public double Margin(ReadOnlySpan<float> x)
    {
        double sum = BaseScore;
        foreach (var tree in Trees)
        {
            sum += tree.Evaluate(x);
        }

        return sum;
    }

    public double Probability(ReadOnlySpan<float> x) => 1 / (1 + Math.Exp(-Margin(x)));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static GradientBoostedTrees FromJson(string json, string source)
    {
        GradientBoostedTrees? model;
        try
        {
            model = JsonSerializer.Deserialize<GradientBoostedTrees>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a tree-ensemble model ({e.Message})", e);
        }

        if (model is null || model.FeatureNames.Count == 0)
        {
            throw new InvalidDataException($"{source}: not a tree-ensemble model (empty)");
        }

        foreach (var tree in model.Trees)
        {
            Validate(tree, model.FeatureNames.Count, source);
        }

        return model;
    }

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..16];

    private static void Validate(RegressionTree tree, int features, string source)
    {
        int n = tree.Feature.Length;
        if (n == 0 || tree.Threshold.Length != n || tree.Left.Length != n || tree.Right.Length != n || tree.Value.Length != n)
        {
            throw new InvalidDataException($"{source}: a tree's arrays disagree in length");
        }

        for (int i = 0; i < n; i++)
        {
            // Children always come after their parent, so evaluation cannot loop.
            if (tree.Feature[i] >= features || (tree.Feature[i] >= 0 && (tree.Left[i] <= i || tree.Right[i] <= i || tree.Left[i] >= n || tree.Right[i] >= n)))
            {
                throw new InvalidDataException($"{source}: tree node {i} is malformed");
            }
        }
    }
}
