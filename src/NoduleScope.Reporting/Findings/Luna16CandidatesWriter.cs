using System.Globalization;
using NoduleScope.Detection;

namespace NoduleScope.Reporting.Findings;

/// <summary>Writes every scored candidate as LUNA16 predictions: <c>seriesuid,coordX,coordY,coordZ,probability</c>
/// (world LPS mm), the input of FROC evaluation.</summary>
public static class Luna16CandidatesWriter
{
    public const string Header = "seriesuid,coordX,coordY,coordZ,probability";

    public static void Write(TextWriter writer, string seriesUid, IReadOnlyList<ScoredCandidate> candidates, bool header = true)
    {
        if (header)
        {
            writer.WriteLine(Header);
        }

        foreach (var c in candidates)
        {
            // Report the segmented centre when there is one: it is closer to the nodule's centre than the blob peak.
            var p = c.Segmentation?.Measurement.Centroid ?? c.Candidate.Center;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seriesUid},{p.X:0.###},{p.Y:0.###},{p.Z:0.###},{c.Probability:0.######}"));
        }
    }
}
