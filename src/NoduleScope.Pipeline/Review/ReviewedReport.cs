using System.Globalization;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Pipeline.Review;

/// <summary>
/// Regenerates the HTML report from findings.json and the review decisions: rejected findings are left out, corrected
/// diameters replace the measured ones, findings the reviewer added are included, and a line in the report's warnings
/// says who reviewed what. For DICOM input the TID 1500 SR is regenerated the same way. Written to
/// <c>reviewed/report.html</c> next to the original results, which stay as detect wrote them.
/// </summary>
public static class ReviewedReport
{
    public const string FolderName = "reviewed";

    public static FindingsDocument Apply(FindingsDocument document, IReadOnlyDictionary<int, ReviewDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(decisions);
        var kept = new List<FindingsNodule>();
        foreach (var finding in document.Findings)
        {
            var decision = decisions.GetValueOrDefault(finding.Id);
            if (decision?.Status == "reject")
            {
                continue;
            }

            if (decision is { LongAxisMm: { } longAxis, ShortAxisMm: { } shortAxis })
            {
                kept.Add(finding with { LongAxisMm = longAxis, ShortAxisMm = shortAxis, MeanDiameterMm = (longAxis + shortAxis) / 2 });
            }
            else
            {
                kept.Add(finding);
            }
        }

        int accepted = document.Findings.Count(f => decisions.GetValueOrDefault(f.Id) is { Status: "accept", Added: false });
        var added = kept.Where(f => decisions.GetValueOrDefault(f.Id)?.Added == true).Select(f => "#" + f.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        int rejected = document.Findings.Count - kept.Count;
        int edited = document.Findings.Count(f => decisions.GetValueOrDefault(f.Id)?.LongAxisMm is not null);
        int pending = document.Findings.Count(f => decisions.GetValueOrDefault(f.Id)?.Status is null);
        var reviewers = decisions.Values.Select(d => d.User).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        string addedNote = added.Count == 0 ? string.Empty : $", {added.Count} added by the reviewer ({string.Join(", ", added)})";
        string note = string.Create(CultureInfo.InvariantCulture,
            $"Radiologist review ({string.Join(", ", reviewers)}): {accepted} accepted{addedNote}, {rejected} rejected and left out ({RejectedIds(document, decisions)}), {edited} with corrected diameters, {pending} not yet reviewed. Exam-level guidance was computed before the review.");
        return document with { Findings = kept, Warnings = [.. document.Warnings, note] };
    }

    /// <summary>Writes reviewed/report.html and, for DICOM input (<paramref name="sourceHeader"/> not null),
    /// reviewed/dicom/SR.dcm: the TID 1500 measurement report of detect's writer, with the accepted, pending and added
    /// findings and the corrected diameters, in a new series of the source study.</summary>
    public static string Write(FindingsDocument document, IReadOnlyDictionary<int, ReviewDecision> decisions, CtVolume volume, DicomDataset? sourceHeader, string resultsFolder)
    {
        string folder = Path.Combine(resultsFolder, FolderName);
        var inputs = new ReportInputs { Document = Apply(document, decisions), Volume = volume, SourceHeader = sourceHeader };
        var kinds = sourceHeader is null ? OutputKinds.Html : OutputKinds.Html | OutputKinds.Sr;
        string sr = SrPath(resultsFolder);
        if (sourceHeader is null && File.Exists(sr))
        {
            File.Delete(sr);
        }

        ResultsWriter.Write(inputs, folder, kinds);
        return Path.Combine(folder, "report.html");
    }

    /// <summary>Where <see cref="Write"/> puts the regenerated SR.</summary>
    public static string SrPath(string resultsFolder) => Path.Combine(resultsFolder, FolderName, "dicom", "SR.dcm");

    private static string RejectedIds(FindingsDocument document, IReadOnlyDictionary<int, ReviewDecision> decisions)
    {
        var ids = document.Findings.Where(f => decisions.GetValueOrDefault(f.Id)?.Status == "reject").Select(f => "#" + f.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        return ids.Count == 0 ? "none" : string.Join(", ", ids);
    }
}
