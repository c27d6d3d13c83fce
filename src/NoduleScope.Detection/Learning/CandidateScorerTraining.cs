using NoduleScope.Detection.Scoring;

namespace NoduleScope.Detection.Learning;

/// <summary>
/// Trains the candidate scorer from labelled scans and measures it honestly: cross-validation leaves out one
/// background at a time, because candidates of the same background (its vessels, its chest wall) recur in every scan
/// made from it and a model would otherwise be tested on what it memorised.
/// </summary>
public sealed class CandidateScorerTraining
{
    public const string ModelName = "gbdt-candidate-scorer 1.0";

    private readonly GradientBoostingOptions options;

    /// <summary>Chosen by the tuning-split sweep (<c>scorer-sweep</c> benchmark: leave-one-background-out CPM on the
    /// real backgrounds' tuning scans, 24 settings; docs/benchmarks.md); before it depth 3, 300 trees, positive weight
    /// 5, feature sample 0.8 (0.661). Sampling half the features per tree generalises better to an unseen
    /// background.</summary>
    public static GradientBoostingOptions Default { get; } = new() { MaxDepth = 4, Trees = 150, PositiveWeight = 1, FeatureSample = 0.5 };

    public CandidateScorerTraining(GradientBoostingOptions? options = null)
    {
        this.options = options ?? Default;
    }

    public GradientBoostingOptions Options => options;

    public GradientBoostedTrees Train(IEnumerable<LabelledScan> scans, IReadOnlyDictionary<string, string>? card = null)
    {
        var rows = new List<float[]>();
        var labels = new List<bool>();
        foreach (var scan in scans)
        {
            foreach (var c in scan.Candidates)
            {
                if (c.Label != CandidateLabel.Excluded)
                {
                    rows.Add(c.Features);
                    labels.Add(c.Label == CandidateLabel.Nodule);
                }
            }
        }

        var model = new GradientBoostingTrainer(options).Train(rows, labels, CandidateFeatures.Names, ModelName);
        return card is null ? model : model with { Card = card };
    }

    /// <summary>Scores each scan of <paramref name="test"/> with a model trained on the <paramref name="training"/> scans
    /// whose background differs from the test scan's.</summary>
    public IReadOnlyList<ScoredScan> LeaveOneBackgroundOut(IReadOnlyList<LabelledScan> training, IReadOnlyList<LabelledScan> test)
    {
        var result = new List<ScoredScan>();
        var backgrounds = new List<string>();
        foreach (var scan in test)
        {
            if (!backgrounds.Contains(scan.Background))
            {
                backgrounds.Add(scan.Background);
            }
        }

        foreach (string background in backgrounds)
        {
            var model = Train(training.Where(s => s.Background != background));
            foreach (var scan in test.Where(s => s.Background == background))
            {
                result.Add(Score(model, scan));
            }
        }

        return result;
    }

    public static ScoredScan Score(GradientBoostedTrees model, LabelledScan scan)
    {
        var p = new double[scan.Candidates.Count];
        for (int i = 0; i < p.Length; i++)
        {
            p[i] = model.Probability(scan.Candidates[i].Features);
        }

        return new ScoredScan(scan, p);
    }
}
