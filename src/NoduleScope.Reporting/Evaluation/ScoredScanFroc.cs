using NoduleScope.Detection.Learning;

namespace NoduleScope.Reporting.Evaluation;

/// <summary>LUNA16 FROC of candidate sets scored by a model: every candidate is a mark, the placed nodules are the
/// reference, real background lesions are excluded.</summary>
public static class ScoredScanFroc
{
    public static FrocEvaluation Evaluate(IReadOnlyList<ScoredScan> scans, FrocEvaluationOptions options)
    {
        var annotations = new List<NoduleAnnotation>();
        var excluded = new List<NoduleAnnotation>();
        var predictions = new List<CandidatePrediction>();
        var series = new List<string>();
        foreach (var scored in scans)
        {
            var scan = scored.Scan;
            series.Add(scan.Name);
            foreach (var n in scan.Nodules)
            {
                annotations.Add(new NoduleAnnotation(scan.Name, n.Center.X, n.Center.Y, n.Center.Z, n.DiameterMm));
            }

            foreach (var e in scan.Excluded)
            {
                excluded.Add(new NoduleAnnotation(scan.Name, e.Center.X, e.Center.Y, e.Center.Z, e.DiameterMm));
            }

            for (int i = 0; i < scan.Candidates.Count; i++)
            {
                var p = scan.Candidates[i].Position;
                predictions.Add(new CandidatePrediction(scan.Name, p.X, p.Y, p.Z, scored.Probabilities[i]));
            }
        }

        return new FrocEvaluator(options).Evaluate(annotations, excluded, predictions, series);
    }

    /// <summary>Share of placed nodules with at least one candidate on them (what the candidate stage can offer).</summary>
    public static (int Recalled, int Total) CandidateRecall(IEnumerable<LabelledScan> scans)
    {
        int recalled = 0, total = 0;
        foreach (var scan in scans)
        {
            foreach (var n in scan.Nodules)
            {
                total++;
                foreach (var c in scan.Candidates)
                {
                    if (n.Contains(c.Position))
                    {
                        recalled++;
                        break;
                    }
                }
            }
        }

        return (recalled, total);
    }
}
