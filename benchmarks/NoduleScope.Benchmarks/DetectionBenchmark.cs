using System.Diagnostics;
using System.Globalization;
using NoduleScope.Detection;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Scoring;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Benchmarks;

/// <summary>
/// Lesion-insertion detection benchmark on held-out LIDC nodules (never used for training), inserted into each real CT
/// of ../shared/data/ct. Both learned stages, the blob ranker and the candidate scorer, are evaluated
/// leave-one-background-out: for the scans made from one background they are retrained (same recipe as
/// <c>nodulescope train</c>) on the tuning scans of the other backgrounds and the phantoms, so no number comes from a
/// model that saw the test scan's anatomy. The shipped model (trained on
/// every background) is also run on the same scans and reported separately. Then the real CTs as they are: findings
/// at the default threshold (false positives) and whether each boxed tumour is found.
/// </summary>
public static class DetectionBenchmark
{
    public static int Run(string shared, int heldOutSeeds)
    {
        var log = Console.Error;
        var watch = Stopwatch.StartNew();
        Action<string, int, int> progress = (step, done, total) => log.WriteLine($"  [{done}/{total}] {step} ({watch.Elapsed.TotalSeconds:0} s)");
        var training = new CandidateScorerTraining();
        var rankerTraining = new BlobRankerTraining();
        var handSet = new CandidateGeneratorOptions { Ranker = null };
        log.WriteLine("blob maxima of the tuning scans (training data of the cross-validated rankers):");
        var rankerScans = DevelopmentData.BuildRankerScans(shared, LoadSeries, 6, 10, 4, LidcSplitPart.Tuning, progress);

        // Leave one background out, both learned stages: the ranker and the scorer used on a background's scans were
        // trained on the other backgrounds' tuning scans (and the phantoms) only.
        var heldOut = new List<LabelledScan>();
        var crossValidated = new List<ScoredScan>();
        var unseenByBackground = new Dictionary<string, (CandidateGeneratorOptions Generator, LearnedCandidateScorer Scorer)>();
        foreach (var (name, _, _) in DevelopmentData.Backgrounds)
        {
            var generator = handSet with { Ranker = rankerTraining.Train(rankerScans.Where(s => s.Background != name), handSet) };
            log.WriteLine($"fold {name}: tuning scans of the other backgrounds:");
            var tuning = DevelopmentData.BuildScans(shared, LoadSeries, 6, 10, 4, LidcSplitPart.Tuning, progress, generator, b => b != name);
            log.WriteLine($"fold {name}: held-out scans:");
            var test = DevelopmentData.BuildScans(shared, LoadSeries, heldOutSeeds, 10, 0, LidcSplitPart.HeldOut, progress, generator, b => b == name);
            var model = training.Train(tuning);
            heldOut.AddRange(test);
            crossValidated.AddRange(test.Select(scan => CandidateScorerTraining.Score(model, scan)));
            unseenByBackground[name] = (generator, new LearnedCandidateScorer(model, "cross-validated"));
        }

        rankerScans.Clear();
        var threshold = new NoduleDetectorOptions().Threshold;
        var options = new FrocEvaluationOptions { OperatingThreshold = threshold, MaxCandidatesPerScan = 0 };
        var (recalled, total) = ScoredScanFroc.CandidateRecall(heldOut);
        double candidatesPerScan = heldOut.Average(s => s.Candidates.Count);
        double seconds = heldOut.Average(s => s.DetectSeconds);
        Console.WriteLine(Invariant($"{heldOut.Count} held-out scans, {total} inserted held-out nodules; candidate recall with rankers that never saw the background {recalled}/{total} = {recalled / (double)total:0.000}; {candidatesPerScan:0} candidates per scan; candidates+features {seconds:0.0} s per scan"));
        Console.WriteLine();
        Console.WriteLine("## Leave-one-background-out, ranker and scorer (the reported number)");
        var cv = ScoredScanFroc.Evaluate(crossValidated, options);
        FrocTableWriter.WriteText(cv, Console.Out);
        foreach (string background in heldOut.Select(s => s.Background).Distinct())
        {
            var part = ScoredScanFroc.Evaluate(crossValidated.Where(s => s.Scan.Background == background).ToList(), options with { BootstrapSamples = 0 });
            Console.WriteLine(Invariant($"  {background}: CPM {part.Cpm:0.000}"));
        }

        var shipped = LearnedCandidateScorer.Embedded();
        if (shipped is not null)
        {
            Console.WriteLine();
            Console.WriteLine($"## Shipped ranker ({BlobRankerModel.EmbeddedHash ?? "none"}) and scorer {shipped.Name} ({shipped.ModelHash}), trained on all backgrounds (optimistic: they have seen these anatomies)");
            log.WriteLine("held-out scans with the shipped ranker:");
            var shippedScans = DevelopmentData.BuildScans(shared, LoadSeries, heldOutSeeds, 10, 0, LidcSplitPart.HeldOut, progress);
            var (shippedRecalled, shippedTotal) = ScoredScanFroc.CandidateRecall(shippedScans);
            Console.WriteLine(Invariant($"candidate recall {shippedRecalled}/{shippedTotal} = {shippedRecalled / (double)shippedTotal:0.000}"));
            var scored = shippedScans.Select(s => CandidateScorerTraining.Score(shipped.Model, s)).ToList();
            FrocTableWriter.WriteText(ScoredScanFroc.Evaluate(scored, options), Console.Out);
        }

        Console.WriteLine();
        Console.WriteLine("## Real CTs as they are (threshold " + threshold.ToString(CultureInfo.InvariantCulture) + "): a ranker and scorer that never saw the scan (trained on the other backgrounds' tuning scans), then the shipped ones");
        foreach (var background in DevelopmentData.LoadBackgrounds(shared, LoadSeries))
        {
            var unseen = unseenByBackground[background.Name];
            foreach (var (label, scorer, generator) in new (string, ICandidateScorer?, CandidateGeneratorOptions)[] { ("unseen models", unseen.Scorer, unseen.Generator), ("shipped models", shipped, new CandidateGeneratorOptions()) })
            {
                if (scorer is null)
                {
                    continue;
                }

                var detect = Stopwatch.StartNew();
                var result = new NoduleDetector(scorer: scorer, candidateGenerator: new CandidateGenerator(generator)).Detect(background.Volume);
                var found = new List<string>();
                int onLesion = 0;
                foreach (var lesion in background.RealLesions)
                {
                    int hits = result.Findings.Count(f => lesion.Covers(f.Center));
                    onLesion += hits;
                    found.Add(Invariant($"boxed tumour at ({lesion.Center.X:0}, {lesion.Center.Y:0}, {lesion.Center.Z:0}): {(hits > 0 ? "found" : "MISSED")}"));
                }

                Console.WriteLine(Invariant($"  {background.Name}, {label}: {result.Findings.Count} findings, {result.Findings.Count - onLesion} not on a boxed tumour, {detect.Elapsed.TotalSeconds:0.0} s; {string.Join("; ", found)}"));
            }
        }

        return 0;
    }

    public static CtVolume LoadSeries(string folder)
    {
        var scan = new DicomInputScanner().Scan(folder);
        var volume = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(SeriesSelector.Select(scan.Series).Chosen!).Volume;
        volume.ClampBelowAir();

        return volume;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
