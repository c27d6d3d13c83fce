using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Reporting.Tests.Evaluation;

/// <summary>A reproducible random reference and detector output: nodules of 3–20 mm, most of them hit, plus false positives.</summary>
internal sealed record SyntheticDetectorCase(
    IReadOnlyList<string> Scans,
    IReadOnlyList<NoduleAnnotation> Nodules,
    IReadOnlyList<NoduleAnnotation> Excluded,
    IReadOnlyList<CandidatePrediction> Marks)
{
    public static SyntheticDetectorCase Create(int scanCount, int seed)
    {
        var random = new Random(seed);
        var scans = new List<string>();
        var nodules = new List<NoduleAnnotation>();
        var excluded = new List<NoduleAnnotation>();
        var marks = new List<CandidatePrediction>();
        for (int s = 0; s < scanCount; s++)
        {
            string uid = $"1.2.826.0.1.{seed}.{s}";
            scans.Add(uid);
            int noduleCount = random.Next(0, 4);
            for (int n = 0; n < noduleCount; n++)
            {
                double x = n * 100, y = random.NextDouble() * 50, z = random.NextDouble() * 50;
                double diameter = 3 + (random.NextDouble() * 17);
                nodules.Add(new NoduleAnnotation(uid, x, y, z, diameter));
                if (random.NextDouble() < 0.85)
                {
                    double probability = diameter > 6 ? 0.4 + (0.6 * random.NextDouble()) : random.NextDouble();
                    marks.Add(new CandidatePrediction(uid, x + (0.2 * diameter), y, z, probability));
                }
            }

            excluded.Add(new NoduleAnnotation(uid, -200, 0, 0, -1));
            marks.Add(new CandidatePrediction(uid, -201, 0, 0, random.NextDouble()));
            int falsePositives = random.Next(0, 12);
            for (int f = 0; f < falsePositives; f++)
            {
                marks.Add(new CandidatePrediction(uid, 1000 + (f * 50), 0, 0, Math.Pow(random.NextDouble(), 2)));
            }
        }

        return new SyntheticDetectorCase(scans, nodules, excluded, marks);
    }

    public FrocEvaluation Evaluate(FrocEvaluationOptions options) =>
        new FrocEvaluator(options).Evaluate(Nodules, Excluded, Marks, Scans);
}
