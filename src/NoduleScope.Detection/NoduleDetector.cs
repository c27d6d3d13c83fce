using System.Diagnostics;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Scoring;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Detection;

/// <summary>
/// The detection chain on one CT volume (HU, padding already air): lungs → candidates → per-candidate segmentation
/// and features → score → findings above the threshold, duplicates merged. Each stage is a small class that can be
/// swapped (e.g. the scorer for a learned model).
/// </summary>
public sealed class NoduleDetector
{
    private readonly NoduleDetectorOptions options;
    private readonly LungSegmenter lungSegmenter;
    private readonly CandidateGenerator candidateGenerator;
    private readonly NoduleSegmenter noduleSegmenter = new();
    private static readonly Lazy<ICandidateScorer> DefaultScorer = new(() => (ICandidateScorer?)LearnedCandidateScorer.Embedded() ?? new HeuristicCandidateScorer());
    private readonly ICandidateScorer scorer;

    public NoduleDetector(NoduleDetectorOptions? options = null, ICandidateScorer? scorer = null, LungSegmenter? lungSegmenter = null, CandidateGenerator? candidateGenerator = null)
    {
        this.options = options ?? new NoduleDetectorOptions();
        this.scorer = scorer ?? DefaultScorer.Value;
        this.lungSegmenter = lungSegmenter ?? new LungSegmenter();
        this.candidateGenerator = candidateGenerator ?? new CandidateGenerator();
    }

    public DetectionResult Detect(CtVolume volume, IProgress<string>? stage = null, CancellationToken cancellationToken = default)
    {
        var timings = new List<StageTiming>();
        var watch = Stopwatch.StartNew();

        stage?.Report("lungs");
        var lungs = lungSegmenter.Segment(volume);
        timings.Add(new StageTiming("lungs", watch.Elapsed.TotalSeconds));
        cancellationToken.ThrowIfCancellationRequested();

        watch.Restart();
        stage?.Report("candidates");
        var candidates = candidateGenerator.Generate(volume, lungs);
        timings.Add(new StageTiming("candidates", watch.Elapsed.TotalSeconds));
        cancellationToken.ThrowIfCancellationRequested();

        watch.Restart();
        stage?.Report("segmentation and scoring");
        var features = new CandidateFeatureExtractor(volume, lungs);
        var scored = new ScoredCandidate[candidates.Count];
        Parallel.For(0, candidates.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var c = candidates[i];
            var segmentation = noduleSegmenter.Segment(volume, c.Center, c.RadiusMm, c.Extent);
            var f = features.Extract(c, segmentation);
            double probability = scorer.Score(f);
            if (IsMass(c, segmentation))
            {
                probability = Math.Max(probability, options.MassProbability);
            }

            scored[i] = new ScoredCandidate(c, f, segmentation, probability);
        });
        timings.Add(new StageTiming("segmentation and scoring", watch.Elapsed.TotalSeconds));

        watch.Restart();
        var findings = Findings(scored, lungs);
        timings.Add(new StageTiming("findings", watch.Elapsed.TotalSeconds));
        return new DetectionResult(lungs, scored, findings, timings, lungs.Warnings, scorer.Name, scorer.ModelHash) { Ranker = candidateGenerator.RankerDescription };
    }

    /// <summary>
    /// The rule for masses, which the learned scorer never saw (its LIDC training nodules are all under 3 cm): a
    /// candidate of the mass finder (dense, thick, enclosed by lung) whose segmentation is solid and at least
    /// <see cref="NoduleDetectorOptions.MassMinDiameterMm"/> across is reported with <see cref="NoduleDetectorOptions.MassProbability"/>
    /// at least. A solid lesion that size is Lung-RADS 4B by its size alone.
    /// </summary>
    private bool IsMass(Candidate c, NoduleSegmentation? s)
    {
        if (c.Source != CandidateSource.Mass || s is null)
        {
            return false;
        }

        var m = s.Measurement;
        return m.EquivalentDiameterMm >= options.MassMinDiameterMm && m.SolidVolumeMm3 >= 0.5 * m.VolumeMm3;
    }

    /// <summary>Candidates above the threshold, strongest first; one whose centre lies inside an already reported
    /// nodule's extent is the same nodule.</summary>
    private List<DetectedNodule> Findings(ScoredCandidate[] scored, LungSegmentation lungs)
    {
        var order = new List<ScoredCandidate>();
        foreach (var s in scored)
        {
            if (s.Segmentation is not null && s.Probability >= options.Threshold && s.Segmentation.Measurement.MeanDiameterMm >= options.MinDiameterMm)
            {
                order.Add(s);
            }
        }

        order.Sort((a, b) => b.Probability.CompareTo(a.Probability));
        var findings = new List<DetectedNodule>();
        foreach (var s in order)
        {
            var m = s.Segmentation!.Measurement;
            bool duplicate = false;
            foreach (var f in findings)
            {
                double reach = Math.Max(f.Measurement.LongAxisMm, m.LongAxisMm) / 2;
                if ((f.Center - m.Centroid).Length < Math.Max(reach, 3))
                {
                    duplicate = true;
                    break;
                }
            }

            if (!duplicate)
            {
                findings.Add(new DetectedNodule(findings.Count + 1, m.Centroid, s.Probability, m, lungs.LungAt(m.Centroid), s.Segmentation));
                if (findings.Count >= options.MaxFindings)
                {
                    break;
                }
            }
        }

        return findings;
    }
}
