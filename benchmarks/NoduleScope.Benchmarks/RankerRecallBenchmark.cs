using System.Globalization;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Imaging;

namespace NoduleScope.Benchmarks;

/// <summary>
/// The learned ranker of blob maxima against the hand-set ranking, on TUNING-split insertions only, leave one background
/// out: for each background the ranker is trained on the other backgrounds' scans (and the phantoms), and candidate
/// recall (a kept candidate's centre on the nodule) is counted on this background's scans at several caps, for the
/// hand-set order, the learned order and the two taken in turn (what <see cref="CandidateGenerator.Rank"/> ships).
/// </summary>
public static class RankerRecallBenchmark
{
    private static readonly int[] Caps = [100, 200, 300];

    public static int Run(string shared, int seeds, int phantoms, Func<string, CtVolume> loadSeries)
    {
        var log = Console.Error;
        var generatorOptions = new CandidateGeneratorOptions { Ranker = null };
        var scans = DevelopmentData.BuildRankerScans(shared, loadSeries, seeds, 10, phantoms, LidcSplitPart.Tuning, (step, done, total) => log.WriteLine($"  [{done}/{total}] {step}"));
        var training = new BlobRankerTraining();
        var hits = new Dictionary<(string Ranking, int Cap), int>();
        int total = 0;
        var uncapped = new CandidateGenerator(generatorOptions with { MaxCandidates = int.MaxValue });
        foreach (var (scan, model) in training.LeaveOneBackgroundOut(scans, generatorOptions))
        {
            var rankings = new (string Name, List<Candidate> Ranked)[]
            {
                ("hand-set", uncapped.Suppress([.. scan.Maxima])),
                ("learned", uncapped.Suppress(BlobRankerTraining.Rerank(scan.Maxima, model))),
                ("interleaved", uncapped.Suppress(Interleaved(scan.Maxima, model))),
            };
            foreach (var n in scan.Nodules)
            {
                total++;
                var line = new List<string>();
                foreach (var (name, ranked) in rankings)
                {
                    int rank = ranked.FindIndex(c => n.Contains(c.Center)) + 1;
                    foreach (int cap in Caps)
                    {
                        if (rank > 0 && rank <= cap)
                        {
                            hits[(name, cap)] = hits.GetValueOrDefault((name, cap)) + 1;
                        }
                    }

                    line.Add(Invariant($"{name} rank {(rank == 0 ? "none" : rank.ToString(CultureInfo.InvariantCulture))}"));
                }

                Console.WriteLine(Invariant($"{scan.Name} {n.DiameterMm:0.0} mm: {string.Join(", ", line)}"));
            }
        }

        Console.WriteLine();
        foreach (string name in new[] { "hand-set", "learned", "interleaved" })
        {
            Console.WriteLine(Invariant($"{name}: ") + string.Join(", ", Caps.Select(cap => Invariant($"cap {cap}: {hits.GetValueOrDefault((name, cap))}/{total}"))));
        }

        return 0;
    }

    private static List<Candidate> Interleaved(IReadOnlyList<Candidate> maxima, GradientBoostedTrees model)
    {
        var copy = new List<Candidate>(maxima);
        CandidateGenerator.Rank(copy, model);
        return copy;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
