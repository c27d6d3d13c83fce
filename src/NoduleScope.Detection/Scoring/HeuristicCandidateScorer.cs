using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Detection.Scoring;

/// <summary>
/// An interim, hand-set scorer until a learned false-positive reduction model is trained: round, compact, dense blobs
/// score high; elongated segments (vessels), tiny or faint ones low. Its parameters are fixed and hashed so findings
/// say which rule produced them; its operating characteristics are not yet measured on a benchmark.
/// </summary>
public sealed class HeuristicCandidateScorer : ICandidateScorer
{
    private const double CompactnessCentre = 0.62;
    private const double CompactnessWeight = 12;
    private const double ResponseWeight = 1.5;
    private const double ResponseCentre = 150;
    private const double Bias = -0.5;
    private const double SurroundingWeight = 30;
    private const double SurroundingCentre = 0.45;

    public string Name => "heuristic-shape-scorer 0.2";

    public string ModelHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(
        FormattableString.Invariant($"{CompactnessCentre}|{CompactnessWeight}|{ResponseWeight}|{ResponseCentre}|{Bias}|{SurroundingWeight}|{SurroundingCentre}"))))[..16];

    public double Score(CandidateFeatures f)
    {
        if (!f.Segmented || f.EquivalentDiameterMm < 2.5)
        {
            return 0.01;
        }

        double logit = Bias
            + (CompactnessWeight * (f.Compactness - CompactnessCentre))
            + (ResponseWeight * Math.Log(Math.Max(f.BlobResponse, 1) / ResponseCentre))
            // Lung around a blob does not make it a nodule (vessels have it too); too little lung makes it chest wall.
            + (SurroundingWeight * Math.Min(0, f.SurroundingLungFraction - SurroundingCentre));
        return 1 / (1 + Math.Exp(-logit));
    }
}
