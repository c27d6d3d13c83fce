using NoduleScope.Detection;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// Looks for a nodule at the point where the other exam's nodule maps: first among the detector's scored candidates
/// below the reporting threshold, then by segmenting at the point. Either must lie within the matching gate, be at
/// least the reporting size, mostly surrounded by lung, compact along z and of a size compatible with its partner.
/// </summary>
public sealed class NoduleRefinder
{
    private readonly RefindOptions options;
    private readonly MatchingOptions matching;
    private readonly NoduleSegmenter segmenter = new();

    public NoduleRefinder(RefindOptions options, MatchingOptions matching)
    {
        this.options = options;
        this.matching = matching;
    }

    /// <param name="expected">Where the partner maps, in <paramref name="volume"/>'s world frame.</param>
    /// <param name="excluded">Segmentations already used (this exam's findings and earlier refinds).</param>
    public (NoduleSegmentation Segmentation, double? Probability)? Find(CtVolume volume, DetectionResult detection, Vector3D expected, double partnerDiameterMm, IReadOnlyList<NoduleMeasurement> excluded)
    {
        if (!options.Enabled)
        {
            return null;
        }

        (NoduleSegmentation, double?)? best = null;
        double bestDistance = double.PositiveInfinity;
        foreach (var candidate in detection.Candidates)
        {
            if (candidate.Segmentation is not { } s || candidate.Probability < options.CandidateMinProbability || !Plausible(s, expected, partnerDiameterMm, excluded))
            {
                continue;
            }

            double distance = (s.Measurement.Centroid - expected).Length;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = (s, candidate.Probability);
            }
        }

        if (best is not null)
        {
            return best;
        }

        var segmentation = segmenter.SegmentAt(volume, expected);
        return segmentation is not null && Plausible(segmentation, expected, partnerDiameterMm, excluded) ? (segmentation, null) : null;
    }

    private bool Plausible(NoduleSegmentation segmentation, Vector3D expected, double partnerDiameterMm, IReadOnlyList<NoduleMeasurement> excluded)
    {
        var m = segmentation.Measurement;
        double diameter = m.MeanDiameterMm;
        if (diameter < options.MinDiameterMm || segmentation.SurroundingLungFraction < options.MinSurroundingLungFraction)
        {
            return false;
        }

        if ((m.Centroid - expected).Length > matching.Gate(diameter, partnerDiameterMm))
        {
            return false;
        }

        double ratio = diameter / Math.Max(partnerDiameterMm, 1e-6);
        if (ratio > options.MaxSizeRatio || ratio < 1 / options.MaxSizeRatio || m.CraniocaudalExtentMm > options.MaxElongation * Math.Max(diameter, m.EquivalentDiameterMm))
        {
            return false;
        }

        foreach (var other in excluded)
        {
            // The centre inside another nodule's extent: that nodule, already accounted for.
            if ((other.Centroid - m.Centroid).Length < Math.Max(other.LongAxisMm / 2, 3))
            {
                return false;
            }
        }

        return true;
    }
}
