using NoduleScope.Detection;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Comparison;

/// <summary>
/// An exam's earlier findings (its findings.json) as a detection result without candidates, for comparing without
/// detecting again: each finding is segmented again at its centre (masks are not stored) and the lungs are segmented
/// for the registration.
/// </summary>
public static class FindingsDetection
{
    /// <param name="which">"prior" or "current", prefixed to warnings.</param>
    /// <exception cref="InvalidDataException">A finding has no centre.</exception>
    public static DetectionResult FromFindings(CtVolume volume, FindingsDocument document, string which, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(warnings);
        if (document.Input.SeriesInstanceUid is { } written && volume.Source.SeriesInstanceUid is { } read && written != read)
        {
            warnings.Add($"{which}: the findings were written for series {written}, not for the series read ({read})");
        }

        var lungs = new LungSegmenter().Segment(volume);
        var segmenter = new NoduleSegmenter();
        var findings = new List<DetectedNodule>();
        foreach (var f in document.Findings)
        {
            if (f.CenterWorld is not [double x, double y, double z])
            {
                throw new InvalidDataException($"finding {f.Id} has no centerWorld [x, y, z]");
            }

            var segmentation = segmenter.SegmentAt(volume, new Vector3D(x, y, z));
            if (segmentation is null)
            {
                warnings.Add($"{which}: finding {f.Id}: nothing denser than lung at its centre; left out");
                continue;
            }

            var m = segmentation.Measurement;
            findings.Add(new DetectedNodule(f.Id, m.Centroid, f.Probability, m, lungs.LungAt(m.Centroid), segmentation));
        }

        return new DetectionResult(lungs, [], findings, [], lungs.Warnings, document.Software.Scorer, document.Software.ScorerHash);
    }
}
