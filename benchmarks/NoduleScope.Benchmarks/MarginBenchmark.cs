using System.Globalization;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Synthesis;

namespace NoduleScope.Benchmarks;

/// <summary>
/// How the ill-defined margin call was chosen, on the tuning split of ../shared/data/lidc-vois only (ill-defined = LIDC
/// margin rating 1–2): the measured edge width alone (AUC, median per rating) against a learned model over the
/// characterisation features, with and without the edge width as an extra input, by five-fold patient-grouped
/// cross-validation. The held-out numbers come from the characterization benchmark.
/// </summary>
public static class MarginBenchmark
{
    public static int Run(string dataFolder)
    {
        var tuning = LidcCharacterizationData.Load(dataFolder).Where(s => !s.HeldOut).ToList();
        var measured = tuning.Where(s => s.Features is not null && s.Margin?.EdgeWidthMm is not null).ToList();
        Console.WriteLine(Invariant($"tuning split: {tuning.Count} nodules, {tuning.Count - measured.Count} without a measured edge, {tuning.Count(s => s.IsIllDefined)} ill-defined"));
        Console.WriteLine(Invariant($"edge width alone: AUC {CharacterizationEvaluation.Auc(measured.Select(s => (s.Margin!.EdgeWidthMm!.Value, s.IsIllDefined)).ToList()):0.000}; median per rating: ") +
            string.Join(", ", measured.GroupBy(s => s.MarginRating).OrderBy(g => g.Key).Select(g => Invariant($"{g.Key}: {Median(g.Select(s => s.Margin!.EdgeWidthMm!.Value)):0.0} mm (n {g.Count()})"))));
        foreach (bool withEdge in new[] { false, true })
        {
            var scored = new List<(double, bool)>();
            for (int fold = 0; fold < 5; fold++)
            {
                var train = measured.Where(s => Fold(s) != fold).ToList();
                float[] Row(LidcCharacterizationSample s) => withEdge ? [.. s.Features!.ToVector(), (float)s.Margin!.EdgeWidthMm!.Value] : s.Features!.ToVector();
                List<string> names = withEdge ? [.. NoduleImageFeatures.Names, "edge_width_mm"] : [.. NoduleImageFeatures.Names];
                int positives = train.Count(s => s.IsIllDefined);
                var options = CharacterizationTraining.Options with { PositiveWeight = (train.Count - positives) / (double)positives };
                var model = new GradientBoostingTrainer(options).Train(train.Select(Row).ToList(), train.Select(s => s.IsIllDefined).ToList(), names, "margin");
                scored.AddRange(measured.Where(s => Fold(s) == fold).Select(s => (model.Probability(Row(s)), s.IsIllDefined)));
            }

            int positive = scored.Count(x => x.Item2);
            Console.WriteLine(Invariant($"learned model {(withEdge ? "with" : "without")} the edge width, 5-fold patient-grouped CV: AUC {CharacterizationEvaluation.Auc(scored):0.000}; at 0.5 sensitivity {scored.Count(x => x.Item2 && x.Item1 >= 0.5) / (double)positive:0.000}, specificity {scored.Count(x => !x.Item2 && x.Item1 < 0.5) / (double)(scored.Count - positive):0.000}"));
        }

        return 0;
    }

    private static int Fold(LidcCharacterizationSample s) => LidcSplit.FoldOf(s.PatientId, 5);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
