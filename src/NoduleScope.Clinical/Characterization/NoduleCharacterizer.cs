using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// Characterises a segmented nodule with the learned models: type by the most probable of the one-vs-rest type models,
/// calcification at the models' calibrated threshold, spiculation and ill-defined margin at probability 0.5, the edge width, a malignancy score, and — given a <see cref="LobeLocator"/> — its
/// location. Calcification is benign in pattern when it is central or fills most of the nodule (Lung-RADS and
/// Fleischner treat those as benign).
/// </summary>
public sealed class NoduleCharacterizer
{
    private static readonly Lazy<CharacterizationModels?> Shipped = new(CharacterizationModels.Embedded);
    private readonly CharacterizationModels models;

    public NoduleCharacterizer(CharacterizationModels? models = null)
    {
        this.models = models ?? Shipped.Value ?? throw new InvalidOperationException("no characterisation models are embedded; run 'nodulescope train --model characterization'");
    }

    public static bool ModelsAvailable => Shipped.Value is not null;

    public string ModelHash => Detection.Learning.GradientBoostedTrees.Hash(models.ToJson());

    public NoduleCharacterization Characterize(CtVolume volume, NoduleSegmentation segmentation, LobeLocator? locator = null, double juxtavascularScore = 0)
    {
        var features = NoduleImageFeatureExtractor.Extract(volume, segmentation);
        return Characterize(features, segmentation, locator, juxtavascularScore) with { Margin = NoduleMarginAnalyzer.Analyze(volume, segmentation) };
    }

    /// <summary>The same from features alone; the edge width needs the CT, so <see cref="NoduleCharacterization.Margin"/>
    /// is unmeasured.</summary>
    public NoduleCharacterization Characterize(NoduleImageFeatures features, NoduleSegmentation? segmentation = null, LobeLocator? locator = null, double juxtavascularScore = 0)
    {
        var x = features.ToVector();
        double solid = models.Solid.Probability(x), partSolid = models.PartSolid.Probability(x), nonSolid = models.NonSolid.Probability(x);
        var type = solid >= partSolid && solid >= nonSolid ? NoduleType.Solid : partSolid >= nonSolid ? NoduleType.PartSolid : NoduleType.NonSolid;
        double calcified = models.Calcified.Probability(x);
        bool isCalcified = calcified >= models.CalcificationThreshold;
        var pattern = !isCalcified ? CalcificationPattern.None
            : features.FractionAbove200 >= 0.5 || (features.CalciumCentrality >= 0 && features.CalciumCentrality < 0.35) ? CalcificationPattern.Benign
            : CalcificationPattern.Other;
        double spiculated = models.Spiculated.Probability(x);
        var location = locator is not null && segmentation is not null ? locator.Locate(segmentation, juxtavascularScore) : null;
        double illDefined = models.IllDefinedMargin.Probability(x);
        return new NoduleCharacterization(type, solid, partSolid, nonSolid, isCalcified, calcified, pattern, spiculated >= 0.5, spiculated,
            illDefined >= 0.5, illDefined, new NoduleMargin(null, 0),
            models.Malignant.Probability(x), location, features);
    }

    /// <summary>Normalised probabilities of the three types (the one-vs-rest models need not add up to one).</summary>
    public static (double Solid, double PartSolid, double NonSolid) Normalised(NoduleCharacterization c)
    {
        double sum = c.SolidProbability + c.PartSolidProbability + c.NonSolidProbability;
        return sum <= 0 ? (1.0 / 3, 1.0 / 3, 1.0 / 3) : (c.SolidProbability / sum, c.PartSolidProbability / sum, c.NonSolidProbability / sum);
    }
}
