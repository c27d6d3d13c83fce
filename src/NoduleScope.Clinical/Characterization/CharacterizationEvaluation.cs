using System.Globalization;
using System.Text;
using NoduleScope.Clinical.Brock;

namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// Compares the characterisation with the LIDC ratings: type accuracy and balanced accuracy, calcification
/// sensitivity/specificity, spiculation AUC, ill-defined margin (learned model and measured edge width), malignancy AUC, and the AUC of Brock (patient inputs unknown, so only the
/// nodule's size, type and spiculation from our models vary) on the same nodules. Nodules our segmenter could not
/// segment count as errors (solid, not calcified, score 0).
/// </summary>
public static class CharacterizationEvaluation
{
    private static readonly NoduleType[] Types = [NoduleType.Solid, NoduleType.PartSolid, NoduleType.NonSolid];

    public static CharacterizationMetrics Evaluate(NoduleCharacterizer characterizer, IReadOnlyList<LidcCharacterizationSample> samples)
    {
        var confusion = new int[3, 3];
        int correct = 0, notSegmented = 0, tp = 0, fn = 0, tn = 0, fp = 0;
        var calcification = new List<(double, bool)>();
        var spiculation = new List<(double, bool)>();
        var malignancy = new List<(double, bool)>();
        var brock = new List<(double, bool)>();
        var illDefined = new List<(double, bool)>();
        var edgeWidth = new List<(double, bool)>();
        int marginTp = 0, marginPositives = 0, marginTn = 0, marginNegatives = 0;
        foreach (var s in samples)
        {
            NoduleCharacterization? c = s.Features is null ? null : characterizer.Characterize(s.Features);
            notSegmented += c is null ? 1 : 0;
            var predicted = c?.Type ?? NoduleType.Solid;
            confusion[Array.IndexOf(Types, s.Type), Array.IndexOf(Types, predicted)]++;
            correct += predicted == s.Type ? 1 : 0;
            bool calcified = c?.Calcified ?? false;
            (tp, fn, tn, fp) = s.Calcified ? (calcified ? (tp + 1, fn, tn, fp) : (tp, fn + 1, tn, fp)) : (calcified ? (tp, fn, tn, fp + 1) : (tp, fn, tn + 1, fp));
            calcification.Add((c?.CalcificationProbability ?? 0, s.Calcified));
            spiculation.Add((c?.SpiculationProbability ?? 0, s.IsSpiculated));
            malignancy.Add((c?.MalignancyScore ?? 0, s.Malignant));
            if (s.MarginRating > 0)
            {
                illDefined.Add((c?.IllDefinedMarginProbability ?? 0, s.IsIllDefined));
                bool called = c?.IllDefinedMargin ?? false;
                (marginTp, marginPositives, marginTn, marginNegatives) = s.IsIllDefined
                    ? (marginTp + (called ? 1 : 0), marginPositives + 1, marginTn, marginNegatives)
                    : (marginTp, marginPositives, marginTn + (called ? 0 : 1), marginNegatives + 1);
                if (s.Margin?.EdgeWidthMm is { } width)
                {
                    edgeWidth.Add((width, s.IsIllDefined));
                }
            }

            double brockProbability = 0;
            if (c is not null)
            {
                var input = new NoduleAssessmentInput
                {
                    Type = c.Type,
                    LongAxisMm = Math.Round(c.Features.LongAxisMm, 1),
                    ShortAxisMm = Math.Round(Math.Min(c.Features.ShortAxisMm, c.Features.LongAxisMm), 1),
                    Spiculated = c.Spiculated,
                };
                brockProbability = BrockModel.Estimate(input, PatientContext.Unknown, new ExamContext { NoduleCount = 1 }).Probability;
            }

            brock.Add((brockProbability, s.Malignant));
        }

        double balanced = 0;
        int classes = 0;
        for (int t = 0; t < 3; t++)
        {
            int total = confusion[t, 0] + confusion[t, 1] + confusion[t, 2];
            if (total > 0)
            {
                balanced += confusion[t, t] / (double)total;
                classes++;
            }
        }

        return new CharacterizationMetrics(samples.Count, notSegmented, correct / (double)Math.Max(samples.Count, 1), balanced / Math.Max(classes, 1), confusion,
            tp / (double)Math.Max(tp + fn, 1), tn / (double)Math.Max(tn + fp, 1), tp + fn, Auc(calcification),
            Auc(spiculation), spiculation.Count(x => x.Item2), Auc(malignancy), Auc(brock), malignancy.Count(x => x.Item2),
            marginPositives, Auc(illDefined), marginTp / (double)Math.Max(marginPositives, 1), marginTn / (double)Math.Max(marginNegatives, 1), Auc(edgeWidth));
    }

    /// <summary>Area under the ROC curve (Mann–Whitney, ties count half); NaN without both classes.</summary>
    public static double Auc(IReadOnlyList<(double Score, bool Positive)> scored)
    {
        var positives = scored.Where(s => s.Positive).Select(s => s.Score).ToArray();
        var negatives = scored.Where(s => !s.Positive).Select(s => s.Score).ToArray();
        if (positives.Length == 0 || negatives.Length == 0)
        {
            return double.NaN;
        }

        double wins = 0;
        foreach (double p in positives)
        {
            foreach (double n in negatives)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }

        return wins / (positives.Length * (double)negatives.Length);
    }

    public static string Describe(CharacterizationMetrics m)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{m.Nodules} nodules ({m.NotSegmented} not segmented from the centre)"));
        text.AppendLine(Invariant($"type: accuracy {m.TypeAccuracy:0.000}, balanced accuracy {m.TypeBalancedAccuracy:0.000}"));
        text.AppendLine("  reference \\ predicted: solid, part-solid, non-solid");
        string[] names = ["solid", "part-solid", "non-solid"];
        for (int t = 0; t < 3; t++)
        {
            text.AppendLine(Invariant($"  {names[t],-10} {m.TypeConfusion[t, 0],5} {m.TypeConfusion[t, 1],5} {m.TypeConfusion[t, 2],5}"));
        }

        text.AppendLine(Invariant($"calcification ({m.Calcified} calcified): sensitivity {m.CalcificationSensitivity:0.000}, specificity {m.CalcificationSpecificity:0.000}, AUC {m.CalcificationAuc:0.000}"));
        text.AppendLine(Invariant($"spiculation ({m.Spiculated} with rating ≥ 3): AUC {m.SpiculationAuc:0.000}"));
        if (m.IllDefined > 0)
        {
            text.AppendLine(Invariant($"ill-defined margin ({m.IllDefined} with LIDC margin rating 1–2): learned model AUC {m.IllDefinedAuc:0.000}, sensitivity {m.IllDefinedSensitivity:0.000}, specificity {m.IllDefinedSpecificity:0.000} at 0.5; measured edge width alone AUC {m.EdgeWidthAuc:0.000}"));
        }

        text.AppendLine(Invariant($"malignancy ({m.Malignant} malignant by the LIDC vote): learned score AUC {m.MalignancyAuc:0.000}; Brock AUC {m.BrockAuc:0.000}"));
        return text.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
