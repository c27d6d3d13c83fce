using System.Diagnostics;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Scoring;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Detection.Learning;

/// <summary>
/// Makes labelled candidate sets for training and benchmarking the false-positive reduction: LIDC nodules inserted
/// into real CTs (one split only, so tuning and reported nodules never mix) and synthetic phantoms. The detector runs
/// up to its features; labels come from where the nodules were placed.
/// </summary>
public sealed class CandidateDatasetBuilder
{
    public const int PhantomSize = 256;
    public const int PhantomSlices = 120;
    public const double PhantomSpacingMm = 1.25;

    private readonly NoduleDetector detector;

    /// <param name="generator">How candidates are generated (by default the shipped settings and ranker).</param>
    public CandidateDatasetBuilder(CandidateGeneratorOptions? generator = null)
    {
        detector = new NoduleDetector(scorer: new HeuristicCandidateScorer(), candidateGenerator: new CandidateGenerator(generator));
    }

    /// <summary>An insertion scan: <paramref name="nodulesPerScan"/> nodules of the pool, chosen and placed by
    /// <paramref name="seed"/>.</summary>
    public static TrainingCase InsertionCase(TrainingBackground background, IReadOnlyList<LidcNodule> pool, int nodulesPerScan, int seed)
    {
        var insertion = Insertion(background, pool, nodulesPerScan, seed);
        var nodules = new List<LesionRegion>();
        foreach (var n in insertion.Nodules)
        {
            nodules.Add(new LesionRegion(n.Center, n.DiameterMm));
        }

        return new TrainingCase($"{background.Name}#{seed}", background.Name, insertion.Volume, nodules, background.RealLesions);
    }

    /// <summary>The insertion <see cref="InsertionCase"/> makes: <paramref name="nodulesPerScan"/> nodules of the
    /// pool, chosen and placed by <paramref name="seed"/>.</summary>
    public static InsertionCase Insertion(TrainingBackground background, IReadOnlyList<LidcNodule> pool, int nodulesPerScan, int seed)
    {
        var random = new Random(seed * 7919);
        var shuffled = new List<LidcNodule>(pool);
        for (int i = shuffled.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        var chosen = shuffled.GetRange(0, Math.Min(nodulesPerScan, shuffled.Count));
        return new LesionInserter().Insert(background.Volume, background.Lungs, chosen, LesionPlacement.All, seed);
    }

    public static TrainingCase PhantomCase(int seed)
    {
        var volume = SyntheticChestPhantom.Create(PhantomSize, PhantomSlices, PhantomSpacingMm, seed);
        var nodules = new List<LesionRegion>();
        foreach (var n in SyntheticChestPhantom.Nodules(PhantomSize, PhantomSlices, PhantomSpacingMm, seed))
        {
            nodules.Add(new LesionRegion(n.Center, n.DiameterMm));
        }

        return new TrainingCase($"phantom#{seed}", "phantom", volume, nodules, []);
    }

    public LabelledScan Label(TrainingCase scan) => Label(scan.Name, scan.Background, scan.Volume, scan.Nodules, scan.Excluded);

    public LabelledScan Label(string name, string background, CtVolume volume, IReadOnlyList<LesionRegion> nodules, IReadOnlyList<LesionRegion> excluded)
    {
        var watch = Stopwatch.StartNew();
        var result = detector.Detect(volume);
        double seconds = watch.Elapsed.TotalSeconds;
        var labelled = new List<LabelledCandidate>(result.Candidates.Count);
        foreach (var c in result.Candidates)
        {
            var position = c.Segmentation?.Measurement.Centroid ?? c.Candidate.Center;
            var label = CandidateLabel.Negative;
            foreach (var n in nodules)
            {
                if (n.Contains(position))
                {
                    label = CandidateLabel.Nodule;
                    break;
                }
            }

            if (label == CandidateLabel.Negative)
            {
                foreach (var e in excluded)
                {
                    if (e.Contains(position))
                    {
                        label = CandidateLabel.Excluded;
                        break;
                    }
                }
            }

            labelled.Add(new LabelledCandidate(position, c.Features.ToVector(), label));
        }

        return new LabelledScan(name, background, labelled, nodules, excluded, seconds);
    }

    public static TrainingBackground Background(string name, CtVolume volume, IReadOnlyList<LesionRegion> realLesions) =>
        new(name, volume, new LungSegmenter().Segment(volume), realLesions);
}
