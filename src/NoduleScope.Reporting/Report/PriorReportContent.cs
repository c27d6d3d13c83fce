using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.KeyImages;

namespace NoduleScope.Reporting.Report;

/// <summary>
/// What the report shows of the prior exam: its findings (resolved ones are those no current finding links to) and a
/// key image of each paired nodule on the prior exam, keyed by the current finding's id.
/// </summary>
public sealed record PriorReportContent(FindingsDocument Document, DateOnly? StudyDate, IReadOnlyDictionary<int, KeyImage> KeyImages)
{
    /// <summary>Prior findings that no current finding is paired with.</summary>
    public IEnumerable<FindingsNodule> Unpaired(FindingsDocument current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var linked = new HashSet<int>();
        foreach (var f in current.Findings)
        {
            if (f.Prior?.PriorFindingId is { } id)
            {
                linked.Add(id);
            }
        }

        return Document.Findings.Where(p => !linked.Contains(p.Id));
    }
}
