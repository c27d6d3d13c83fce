using NoduleScope.Detection.Learning;

namespace NoduleScope.Detection.Scoring;

/// <summary>
/// False-positive reduction by a gradient-boosted tree model trained with <c>nodulescope train</c> (model card:
/// docs/models/candidate-scorer.md). The shipped model is embedded; another can be loaded from a file.
/// </summary>
public sealed class LearnedCandidateScorer : ICandidateScorer
{
    public const string EmbeddedModelName = "NoduleScope.Detection.Models.candidate-scorer.json";

    /// <summary>Model-card key of the operating threshold chosen at training (see docs/models/candidate-scorer.md).</summary>
    public const string OperatingThresholdKey = "operating_threshold";

    private readonly GradientBoostedTrees model;

    public LearnedCandidateScorer(GradientBoostedTrees model, string modelHash)
    {
        if (!model.FeatureNames.SequenceEqual(CandidateFeatures.Names))
        {
            throw new InvalidDataException($"model '{model.Name}' was trained on other features than this version computes; retrain it with 'nodulescope train'");
        }

        this.model = model;
        ModelHash = modelHash;
    }

    public string Name => model.Name;

    public string ModelHash { get; }

    public GradientBoostedTrees Model => model;

    /// <summary>The threshold the model was calibrated for at training (cross-validated false positives per scan), if
    /// its card records one.</summary>
    public double? OperatingThreshold => model.Card.TryGetValue(OperatingThresholdKey, out string? text)
        && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double t) && t is > 0 and < 1 ? t : null;

    public double Score(CandidateFeatures features) => model.Probability(features.ToVector());

    public static LearnedCandidateScorer FromFile(string path)
    {
        string json = File.ReadAllText(path);
        return new LearnedCandidateScorer(GradientBoostedTrees.FromJson(json, path), GradientBoostedTrees.Hash(json));
    }

    /// <summary>The model shipped inside this assembly, or null when none is (then the heuristic scorer is used).</summary>
    public static LearnedCandidateScorer? Embedded()
    {
        using var stream = typeof(LearnedCandidateScorer).Assembly.GetManifestResourceStream(EmbeddedModelName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        string json = reader.ReadToEnd();
        return new LearnedCandidateScorer(GradientBoostedTrees.FromJson(json, EmbeddedModelName), GradientBoostedTrees.Hash(json));
    }
}
