using System.Diagnostics;
using System.Globalization;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Imaging;

namespace NoduleScope.Benchmarks;

/// <summary>
/// Candidate-stage diagnosis on TUNING-split insertions only (seeds 1..n, the scorer's training scans): candidate recall
/// with the benchmark's rule (a candidate's segmentation centroid, or its centre when unsegmented, inside the nodule),
/// overall, per background, size band and placement, candidates per scan and the candidate stage's time; and for each
/// missed nodule why: outside the lung mask, ranked beyond the cap, merged by the suppression, or no maximum on it.
/// It runs the shipped candidate generator, whose blob ranker was trained on these very scans (optimistic); the
/// ranker's honest, leave-one-background-out recall is the <c>ranker-recall</c> mode.
/// </summary>
public static class CandidateRecallBenchmark
{
    private static readonly (string Name, double Min, double Max)[] Bands = [("3-4 mm", 3, 4), ("4-6 mm", 4, 6), ("6-10 mm", 6, 10), (">=10 mm", 10, double.MaxValue)];

    public static int Run(string shared, int seeds, Func<string, CtVolume> loadSeries)
    {
        var log = Console.Error;
        var pool = LidcNoduleLibrary.Load(Path.Combine(shared, "data", "lidc-vois")).Select(LidcSplitPart.Tuning);
        var backgrounds = DevelopmentData.LoadBackgrounds(shared, loadSeries);
        var options = new CandidateGeneratorOptions();
        var generator = new CandidateGenerator(options);
        var uncapped = new CandidateGenerator(options with { MaxCandidates = int.MaxValue });
        var segmenter = new NoduleSegmenter();
        var rows = new List<(string Background, InsertedNodule Nodule, bool Hit, bool CentreHit)>();
        var counts = new List<int>();
        var seconds = new List<double>();
        foreach (var background in backgrounds)
        {
            for (int seed = 1; seed <= seeds; seed++)
            {
                var insertion = CandidateDatasetBuilder.Insertion(background, pool, 10, seed);
                var lungs = new LungSegmenter().Segment(insertion.Volume);
                var watch = Stopwatch.StartNew();
                var raw = generator.FindAll(insertion.Volume, lungs);
                var rawCopy = new List<Candidate>(raw);
                var kept = generator.Suppress(raw);
                seconds.Add(watch.Elapsed.TotalSeconds);
                var ranked = uncapped.Suppress(new List<Candidate>(rawCopy));
                counts.Add(kept.Count);
                log.WriteLine(Invariant($"{background.Name}#{seed}: {rawCopy.Count} raw, {ranked.Count} after suppression, {kept.Count} kept, {seconds[^1]:0.0} s"));
                log.WriteLine("  kept by source: " + string.Join(", ", kept.GroupBy(c => c.Source).Select(g => $"{g.Key} {g.Count()}")) + "; kept blobs by radius: " + string.Join(", ", kept.Where(c => c.Source == CandidateSource.Blob).GroupBy(c => Math.Round(c.RadiusMm, 1)).OrderBy(g => g.Key).Select(g => Invariant($"{g.Key} {g.Count()}"))));
                foreach (var n in insertion.Nodules)
                {
                    var region = new LesionRegion(n.Center, n.DiameterMm);
                    bool centreHit = kept.Any(c => region.Contains(c.Center));
                    bool hit = kept.Where(c => (c.Center - n.Center).Length < (n.DiameterMm / 2) + 25).Any(c =>
                        region.Contains(segmenter.Segment(insertion.Volume, c.Center, c.RadiusMm, c.Extent)?.Measurement.Centroid ?? c.Center));
                    rows.Add((background.Name, n, hit, centreHit));
                    if (!hit)
                    {
                        Console.WriteLine("MISS " + Explain(background.Name, seed, n, region, lungs, rawCopy, ranked, kept, options.MaxCandidates, centreHit));
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"tuning split, seeds 1..{seeds}: candidate recall {rows.Count(r => r.Hit)}/{rows.Count} = {rows.Count(r => r.Hit) / (double)rows.Count:0.000} (candidate centre on the nodule: {rows.Count(r => r.CentreHit)}); {counts.Average():0} candidates per scan (max {counts.Max()}); candidate stage {seconds.Average():0.00} s per scan (median {seconds.Order().ElementAt(seconds.Count / 2):0.00} s)"));
        foreach (var group in rows.GroupBy(r => r.Background))
        {
            Console.WriteLine(Invariant($"  {group.Key}: {group.Count(r => r.Hit)}/{group.Count()}"));
        }

        foreach (var (name, min, max) in Bands)
        {
            var band = rows.Where(r => r.Nodule.DiameterMm >= min && r.Nodule.DiameterMm < max).ToList();
            Console.WriteLine(Invariant($"  {name}: {band.Count(r => r.Hit)}/{band.Count}"));
        }

        foreach (var group in rows.GroupBy(r => r.Nodule.Placement))
        {
            Console.WriteLine(Invariant($"  {InsertionCaseWriter.PlacementName(group.Key)}: {group.Count(r => r.Hit)}/{group.Count()}"));
        }

        return 0;
    }

    private static string Explain(string background, int seed, InsertedNodule n, LesionRegion region, LungSegmentation lungs, List<Candidate> raw, List<Candidate> ranked, List<Candidate> kept, int cap, bool centreHit)
    {
        bool inLung = lungs.LungAt(n.Center) != 0;
        int rank = ranked.FindIndex(c => region.Contains(c.Center)) + 1;
        var onNodule = raw.Where(c => region.Contains(c.Center)).OrderByDescending(c => c.Response).FirstOrDefault();
        var nearestRaw = raw.Where(c => c.Source == CandidateSource.Blob).OrderBy(c => (c.Center - n.Center).Length).FirstOrDefault();
        var nearestKept = kept.OrderBy(c => (c.Center - n.Center).Length).FirstOrDefault();
        string why = centreHit ? "a candidate is on it but its segmentation centroid leaves the nodule"
            : rank > cap ? Invariant($"ranked {rank} > cap {cap}")
            : onNodule is not null ? Invariant($"suppressed (maximum on it: {onNodule.Source}, response {onNodule.Response:0}, r {onNodule.RadiusMm:0.0})")
            : "no maximum on it";
        string nearest = nearestRaw is null ? "none" : Invariant($"{(nearestRaw.Center - n.Center).Length:0.0} mm away, response {nearestRaw.Response:0}, r {nearestRaw.RadiusMm:0.0}, rank {ranked.IndexOf(nearestRaw) + 1}");
        string keptNearest = nearestKept is null ? "none" : Invariant($"{(nearestKept.Center - n.Center).Length:0.0} mm ({nearestKept.Source}, r {nearestKept.RadiusMm:0.0})");
        double lastResponse = kept.Count > 0 ? kept.Where(c => c.Source == CandidateSource.Blob).Select(c => c.Response).DefaultIfEmpty(0).Min() : 0;
        return Invariant($"{background}#{seed} {n.DiameterMm:0.0} mm {InsertionCaseWriter.PlacementName(n.Placement)} {(n.IsSolid ? "solid" : "subsolid")} in-lung={inLung}: {why}; nearest blob maximum {nearest}; nearest kept {keptNearest}; weakest kept blob {lastResponse:0}");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
