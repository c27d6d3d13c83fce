using System.Globalization;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Benchmarks;

/// <summary>
/// Chooses the candidate scorer's gradient-boosting settings on the tuning split only: the training scans of
/// <c>nodulescope train</c> (tuning-split LIDC nodules inserted into each real CT, plus phantoms), each setting scored by
/// leave-one-background-out CPM on the real backgrounds' scans. Held-out nodules are not read.
/// </summary>
public static class ScorerSweepBenchmark
{
    public static int Run(string shared, Func<string, Imaging.CtVolume> loadSeries)
    {
        var scans = DevelopmentData.BuildScans(shared, loadSeries, 6, 10, 4, LidcSplitPart.Tuning, (step, done, total) => Console.Error.WriteLine($"  [{done}/{total}] {step}"));
        var options = new FrocEvaluationOptions { MaxCandidatesPerScan = 0, BootstrapSamples = 0 };
        var current = new CandidateScorerTraining().Options;
        var rows = new List<(double Cpm, double At4, string Setting)>();
        foreach (int depth in new[] { 2, 3, 4 })
        {
            foreach (int trees in new[] { 150, 300 })
            {
                foreach (double weight in new[] { 1.0, 5.0 })
                {
                    foreach (double features in new[] { 0.5, 0.8 })
                    {
                        var setting = current with { MaxDepth = depth, Trees = trees, PositiveWeight = weight, FeatureSample = features };
                        var cv = new CandidateScorerTraining(setting).LeaveOneBackgroundOut(scans, scans);
                        var froc = ScoredScanFroc.Evaluate(cv.Where(s => s.Scan.Background != "phantom").ToList(), options);
                        double at4 = froc.ReferencePoints.First(r => r.FalsePositivesPerScan == 4).Sensitivity;
                        string label = Invariant($"depth {depth}, trees {trees}, positive weight {weight}, feature sample {features}") + (setting == current ? " (current)" : string.Empty);
                        rows.Add((froc.Cpm, at4, label));
                        Console.WriteLine(Invariant($"{froc.Cpm:0.000}  {at4:0.000}  {label}"));
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("tuning-split leave-one-background-out CPM (real backgrounds), sensitivity at 4 FPs/scan, setting — best first:");
        foreach (var r in rows.OrderByDescending(r => r.Cpm))
        {
            Console.WriteLine(Invariant($"{r.Cpm:0.000}  {r.At4:0.000}  {r.Setting}"));
        }

        return 0;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
