using System.Globalization;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Cli.Review;

/// <summary>
/// Regenerates the HTML report from findings.json and the review decisions: rejected findings are left out, corrected
/// diameters replace the measured ones, and a line in the report's warnings says who reviewed what. Written to
/// <c>reviewed/report.html</c> next to the original results, which stay as detect wrote them.
/// </summary>
internal static class ReviewedReport
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

        int accepted = document.Findings.Count(f => decisions.GetValueOrDefault(f.Id)?.Status == "accept");
        int rejected = document.Findings.Count - kept.Count;
        int edited = document.Findings.Count(f => decisions.GetValueOrDefault(f.Id)?.LongAxisMm is not null);
        int pending = document.Findings.Count - accepted - rejected;
        var reviewers = decisions.Values.Select(d => d.User).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        string note = string.Create(CultureInfo.InvariantCulture,
            $"Radiologist review ({string.Join(", ", reviewers)}): {accepted} accepted, {rejected} rejected and left out ({RejectedIds(document, decisions)}), {edited} with corrected diameters, {pending} not yet reviewed. Exam-level guidance was computed before the review.");
        return document with { Findings = kept, Warnings = [.. document.Warnings, note] };
    }

    public static string Write(FindingsDocument document, IReadOnlyDictionary<int, ReviewDecision> decisions, CtVolume volume, string resultsFolder)
    {
        string folder = Path.Combine(resultsFolder, FolderName);
        var inputs = new ReportInputs { Document = Apply(document, decisions), Volume = volume };
        ResultsWriter.Write(inputs, folder, OutputKinds.Html);
        return Path.Combine(folder, "report.html");
    }

    private static string RejectedIds(FindingsDocument document, IReadOnlyDictionary<int, ReviewDecision> decisions)
    {
        var ids = document.Findings.Where(f => decisions.GetValueOrDefault(f.Id)?.Status == "reject").Select(f => "#" + f.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        return ids.Count == 0 ? "none" : string.Join(", ", ids);
    }
}
