namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// Matches the marks of one scan at a time to its findings with the rules of noduleCADEvaluationLUNA16.py and collects
/// the scored entries: a mark hits a finding when its squared distance to the centre is below the squared radius; a
/// hit nodule scores its most probable mark; a mark inside several nodules counts for each; a mark that hits no nodule
/// but an excluded finding is ignored; every other mark is a false positive.
/// </summary>
internal sealed class LunaHitMatcher
{
    private readonly double unknownDiameterMm;
    private readonly List<double> entryProbability = [];
    private readonly List<int> entryScan = [];
    private readonly List<double> entryDiameter = [];
    private readonly List<int> noduleScan = [];
    private readonly List<double> noduleDiameter = [];
    private int[] candidateHits = [];

    public LunaHitMatcher(double unknownDiameterMm)
    {
        this.unknownDiameterMm = unknownDiameterMm;
    }

    public int Nodules => noduleScan.Count;

    public int DetectedNodules { get; private set; }

    public int ExcludedFindings { get; private set; }

    public int Candidates { get; private set; }

    public int HitCandidates { get; private set; }

    public int FalsePositives { get; private set; }

    public int IgnoredOnExcludedFindings { get; private set; }

    public int DuplicateHits { get; private set; }

    public int CandidatesHittingSeveralNodules { get; private set; }

    public void MatchScan(int scan, IReadOnlyList<NoduleAnnotation> nodules, IReadOnlyList<NoduleAnnotation> excluded, IReadOnlyList<CandidatePrediction> candidates)
    {
        Candidates += candidates.Count;
        ExcludedFindings += excluded.Count;
        if (candidateHits.Length < candidates.Count)
        {
            candidateHits = new int[candidates.Count];
        }

        Array.Clear(candidateHits, 0, candidates.Count);
        foreach (var nodule in nodules)
        {
            double radiusSquared = RadiusSquared(nodule.DiameterMm);
            int hits = 0;
            double best = double.NegativeInfinity;
            for (int c = 0; c < candidates.Count; c++)
            {
                var candidate = candidates[c];
                if (DistanceSquared(nodule, candidate) < radiusSquared)
                {
                    hits++;
                    candidateHits[c]++;
                    best = Math.Max(best, candidate.Probability);
                }
            }

            noduleScan.Add(scan);
            noduleDiameter.Add(nodule.DiameterMm);
            if (hits > 0)
            {
                DetectedNodules++;
                DuplicateHits += hits - 1;
                AddEntry(best, scan, nodule.DiameterMm);
            }
        }

        for (int c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            if (candidateHits[c] > 0)
            {
                HitCandidates++;
                if (candidateHits[c] > 1)
                {
                    CandidatesHittingSeveralNodules++;
                }
            }
            else if (HitsAny(excluded, candidate))
            {
                IgnoredOnExcludedFindings++;
            }
            else
            {
                FalsePositives++;
                AddEntry(candidate.Probability, scan, double.NaN);
            }
        }
    }

    public FrocSamples ToSamples(int scanCount) => new(
        scanCount,
        [.. entryProbability],
        [.. entryScan],
        [.. entryDiameter],
        [.. noduleScan],
        [.. noduleDiameter]);

    private bool HitsAny(IReadOnlyList<NoduleAnnotation> findings, CandidatePrediction candidate)
    {
        foreach (var finding in findings)
        {
            if (DistanceSquared(finding, candidate) < RadiusSquared(finding.DiameterMm))
            {
                return true;
            }
        }

        return false;
    }

    private double RadiusSquared(double diameterMm)
    {
        double radius = (diameterMm < 0 ? unknownDiameterMm : diameterMm) / 2.0;
        return radius * radius;
    }

    private static double DistanceSquared(NoduleAnnotation finding, CandidatePrediction candidate)
    {
        double dx = finding.X - candidate.X, dy = finding.Y - candidate.Y, dz = finding.Z - candidate.Z;
        return (dx * dx) + (dy * dy) + (dz * dz);
    }

    private void AddEntry(double probability, int scan, double diameter)
    {
        entryProbability.Add(probability);
        entryScan.Add(scan);
        entryDiameter.Add(diameter);
    }
}
