using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli.Review;

/// <summary>One study under review: the detect output folder, its findings, the CT volume they were found on and the
/// audit trail. The report regenerated from the decisions is written under the same folder.</summary>
internal sealed class ReviewStudy
{
    /// <summary>The id the REST contract uses for the one local study; it carries no patient data.</summary>
    public const string LocalId = "local";

    private readonly Lock reportGate = new();

    public ReviewStudy(string resultsFolder, FindingsDocument findings, CtVolume volume, ReviewTrail trail)
    {
        ResultsFolder = resultsFolder;
        Findings = findings;
        Volume = volume;
        Trail = trail;
    }

    public string Id => LocalId;

    public string ResultsFolder { get; }

    public FindingsDocument Findings { get; }

    public CtVolume Volume { get; }

    public ReviewTrail Trail { get; }

    public string ReportPath => Path.Combine(ResultsFolder, ReviewedReport.FolderName, "report.html");

    /// <summary>Writes reviewed/report.html from the current decisions (one writer at a time).</summary>
    public string RegenerateReport()
    {
        lock (reportGate)
        {
            return ReviewedReport.Write(Findings, ReviewTrail.Decisions(Trail.Actions), Volume, ResultsFolder);
        }
    }

    /// <summary>"pending", "in review" or "reviewed", as the worklist shows it.</summary>
    public string Status()
    {
        var decisions = ReviewTrail.Decisions(Trail.Actions);
        int decided = Findings.Findings.Count(f => decisions.GetValueOrDefault(f.Id)?.Status is not null);
        return decided == 0 ? "pending" : decided < Findings.Findings.Count ? "in review" : "reviewed";
    }

    /// <summary>The highest Lung-RADS category among the findings not rejected (null when none has one).</summary>
    public string? HighestLungRads()
    {
        var decisions = ReviewTrail.Decisions(Trail.Actions);
        string[] order = ["2", "3", "4A", "4B", "4X"];
        return Findings.Findings
            .Where(f => decisions.GetValueOrDefault(f.Id)?.Status != "reject")
            .Select(f => f.Characterization?.LungRadsCategory)
            .OfType<string>()
            .OrderByDescending(c => Array.IndexOf(order, c))
            .FirstOrDefault();
    }
}
