using NoduleScope.Detection.Learning;

namespace NoduleScope.Clinical.Characterization;

/// <summary>Trains <see cref="CharacterizationModels"/> on LIDC samples; each binary model weighs its rare class up
/// to balance the classes (part-solid and calcified nodules are few).</summary>
public static class CharacterizationTraining
{
    /// <summary>Chosen by five-fold patient-grouped cross-validation on the tuning split (scratch comparison of depth 1–3,
    /// 60–300 trees); the held-out split was not looked at.</summary>
    public static GradientBoostingOptions Options { get; } = new() { Trees = 200, MaxDepth = 2, LearningRate = 0.05, MinLeafHessian = 2, RowSample = 0.8, FeatureSample = 0.8, Seed = 2026 };

    /// <summary>Tuning cross-validation gave sensitivity 0.901 at specificity 0.910 for this threshold (0.5: 0.840 / 0.968).</summary>
    public const double CalcificationThreshold = 0.2;

    public static CharacterizationModels Train(IReadOnlyList<LidcCharacterizationSample> samples, IReadOnlyDictionary<string, string>? card = null, GradientBoostingOptions? options = null)
    {
        var o = options ?? Options;
        var usable = samples.Where(s => s.Features is not null).ToList();
        var rows = usable.Select(s => s.Features!.ToVector()).ToList();
        GradientBoostedTrees Model(string name, Func<LidcCharacterizationSample, bool> label)
        {
            var labels = usable.Select(label).ToList();
            int positives = labels.Count(l => l);
            double weight = positives == 0 ? 1 : Math.Max(1, (labels.Count - positives) / (double)positives);
            return new GradientBoostingTrainer(o with { PositiveWeight = weight }).Train(rows, labels, NoduleImageFeatures.Names, $"{name} 1.0");
        }

        return new CharacterizationModels
        {
            Solid = Model("type-solid", s => s.Type == NoduleType.Solid),
            PartSolid = Model("type-part-solid", s => s.Type == NoduleType.PartSolid),
            NonSolid = Model("type-non-solid", s => s.Type == NoduleType.NonSolid),
            Calcified = Model("calcification", s => s.Calcified),
            Spiculated = Model("spiculation", s => s.IsSpiculated),
            Malignant = Model("malignancy", s => s.Malignant),
            IllDefinedMargin = Model("margin-ill-defined", s => s.IsIllDefined),
            Card = card ?? new Dictionary<string, string>(),
            CalcificationThreshold = CalcificationThreshold,
        };
    }
}
