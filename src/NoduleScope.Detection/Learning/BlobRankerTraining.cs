using NoduleScope.Detection.Candidates;

namespace NoduleScope.Detection.Learning;

/// <summary>
/// Trains the ranker of blob-filter maxima (<see cref="CandidateGeneratorOptions.Ranker"/>): every maximum of a
/// training scan (before suppression and the cap) is a row, positive when it lies on an inserted nodule, negative when
/// it is clear of every nodule and excluded lesion; maxima at a nodule's edge are left out. Negatives are many (thousands
/// per scan) and alike, so a seeded share of them is kept.
/// </summary>
public sealed class BlobRankerTraining
{
    public const string ModelName = "gbdt-blob-ranker 1.0";

    public static GradientBoostingOptions DefaultOptions { get; } = new() { MaxDepth = 4, Trees = 150, PositiveWeight = 1, FeatureSample = 0.5 };

    private readonly GradientBoostingOptions options;
    private readonly double negativeShare;

    public BlobRankerTraining(GradientBoostingOptions? options = null, double negativeShare = 0.25)
    {
        this.options = options ?? DefaultOptions;
        this.negativeShare = negativeShare;
    }

    public GradientBoostingOptions Options => options;

    public double NegativeShare => negativeShare;

    public static IReadOnlyList<string> FeatureNames(CandidateGeneratorOptions generator) => BlobRankFeatures.Names(generator.ScalesMm.Count);

    public GradientBoostedTrees Train(IEnumerable<RankerScan> scans, CandidateGeneratorOptions generator, IReadOnlyDictionary<string, string>? card = null)
    {
        var rows = new List<float[]>();
        var labels = new List<bool>();
        var random = new Random(options.Seed);
        foreach (var scan in scans)
        {
            foreach (var c in scan.Maxima)
            {
                if (c.RankFeatures is not { } features)
                {
                    continue;
                }

                var label = LabelOf(c, scan);
                if (label == CandidateLabel.Nodule || (label == CandidateLabel.Negative && random.NextDouble() < negativeShare))
                {
                    rows.Add(features);
                    labels.Add(label == CandidateLabel.Nodule);
                }
            }
        }

        var model = new GradientBoostingTrainer(options).Train(rows, labels, FeatureNames(generator), ModelName);
        return card is null ? model : model with { Card = card };
    }

    /// <summary>Each real background's scans, in order, with a ranker trained on the other backgrounds' scans and the
    /// phantoms only.</summary>
    public IEnumerable<(RankerScan Scan, GradientBoostedTrees Model)> LeaveOneBackgroundOut(IReadOnlyList<RankerScan> scans, CandidateGeneratorOptions generator)
    {
        foreach (string background in scans.Select(s => s.Background).Where(b => b != "phantom").Distinct().ToList())
        {
            var model = Train(scans.Where(s => s.Background != background), generator);
            foreach (var scan in scans.Where(s => s.Background == background))
            {
                yield return (scan, model);
            }
        }
    }

    /// <summary>Candidate recall (a kept candidate's centre on the nodule, suppression and the cap of
    /// <paramref name="generator"/> applied) leave one background out, with <see cref="CandidateGenerator.Rank"/> and with
    /// the hand-set order alone.</summary>
    public (int Ranked, int HandSet, int Nodules) LeaveOneBackgroundOutRecall(IReadOnlyList<RankerScan> scans, CandidateGeneratorOptions generator)
    {
        int hand = 0, ranked = 0, total = 0;
        var suppression = new CandidateGenerator(generator with { Ranker = null });
        foreach (var (scan, model) in LeaveOneBackgroundOut(scans, generator))
        {
            var byHand = suppression.Suppress([.. scan.Maxima]);
            var both = new List<Candidate>(scan.Maxima);
            CandidateGenerator.Rank(both, model);
            var byBoth = suppression.Suppress(both);
            foreach (var n in scan.Nodules)
            {
                total++;
                hand += byHand.Exists(c => n.Contains(c.Center)) ? 1 : 0;
                ranked += byBoth.Exists(c => n.Contains(c.Center)) ? 1 : 0;
            }
        }

        return (ranked, hand, total);
    }

    /// <summary>On a nodule (within its radius), clear of every nodule (2 mm past its edge) and excluded lesion, or
    /// neither (<see cref="CandidateLabel.Excluded"/>: not used).</summary>
    public static CandidateLabel LabelOf(Candidate c, RankerScan scan)
    {
        foreach (var n in scan.Nodules)
        {
            double distance = (c.Center - n.Center).Length;
            if (distance < n.DiameterMm / 2)
            {
                return CandidateLabel.Nodule;
            }

            if (distance < (n.DiameterMm / 2) + 2)
            {
                return CandidateLabel.Excluded;
            }
        }

        foreach (var e in scan.Excluded)
        {
            if (e.Covers(c.Center))
            {
                return CandidateLabel.Excluded;
            }
        }

        return CandidateLabel.Negative;
    }

    /// <summary>The maxima ranked by <paramref name="model"/>'s probability alone (blobs only; other detectors keep their
    /// ranking value), for comparison with <see cref="CandidateGenerator.Rank"/>.</summary>
    public static List<Candidate> Rerank(IReadOnlyList<Candidate> maxima, GradientBoostedTrees model)
    {
        var result = new List<Candidate>(maxima.Count);
        foreach (var c in maxima)
        {
            result.Add(c.RankFeatures is { } f ? c with { Priority = model.Probability(f) } : c);
        }

        return result;
    }
}
