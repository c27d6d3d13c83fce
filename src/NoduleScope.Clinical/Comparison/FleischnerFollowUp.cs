using NoduleScope.Clinical.Fleischner;
using static NoduleScope.Clinical.Fleischner.FleischnerNoduleGroup;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// The Fleischner 2017 step after a follow-up exam. The table (clinical-rules.md) gives a first interval and what follows
/// it ("CT at 6–12 months, then …"); a nodule that was on the prior exam and has not grown has had that first
/// follow-up, so the "then" part applies. A new nodule starts at the table's first step; a growing one leaves the
/// table (growth is suspicious; a growing part-solid nodule highly so). The current exam is taken to be the follow-up
/// the prior one asked for.
/// </summary>
public static class FleischnerFollowUp
{
    // Fleischner 2017 size bands as in clinical-rules.md: < 6 mm (< 100 mm³), 6–8 mm, > 8 mm (> 250 mm³).
    private const double SmallBelowMm = 6;
    private const double SmallBelowMm3 = 100;
    private const double LargeAboveMm = 8;
    private const double LargeAboveMm3 = 250;

    private enum Band
    {
        Small,
        Medium,
        Large,
    }

    // What follows the first follow-up of a nodule that persists without growth: the "then" clause of each row of the
    // Fleischner 2017 table in clinical-rules.md (low risk, high risk; null high risk = same as low).
    private static readonly (FleischnerNoduleGroup Group, Band[] Bands, string LowRisk, string? HighRisk)[] AfterStableFollowUp =
    [
        (SingleSolid, [Band.Small], "No routine follow-up", "Optional CT at 12 months"),
        (SingleSolid, [Band.Medium], "Consider CT at 18–24 months", "CT at 18–24 months"),
        (SingleSolid, [Band.Large], "Stable solid nodule > 8 mm: consider CT at 3 months, PET/CT or tissue sampling as the table says; stability over 2 years indicates a benign nodule", null),
        (MultipleSolid, [Band.Small], "No routine follow-up", "Optional CT at 12 months"),
        (MultipleSolid, [Band.Medium, Band.Large], "Consider CT at 18–24 months", "CT at 18–24 months"),
        (SingleGroundGlass, [Band.Small], "No routine follow-up", null),
        (SingleGroundGlass, [Band.Medium, Band.Large], "CT every 2 years until 5 years (persistent ground-glass nodule)", null),
        (SinglePartSolid, [Band.Small], "No routine follow-up", null),
        (SinglePartSolid, [Band.Medium, Band.Large], "Persistent part-solid nodule: annual CT for 5 years if the solid part stays < 6 mm", null),
        (MultipleSubsolid, [Band.Small], "If stable, consider CT at 2 and 4 years", null),
        (MultipleSubsolid, [Band.Medium, Band.Large], "Manage by the most suspicious nodule", null),
    ];

    public static FleischnerFollowUpStep Step(FleischnerResult current, PairStatus status)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!current.Applicable)
        {
            return new FleischnerFollowUpStep(false, "Fleischner 2017 does not apply", string.Join("; ", current.NotApplicableReasons));
        }

        string table = Recommendations(current);
        switch (status)
        {
            case PairStatus.New:
                return new FleischnerFollowUpStep(true, table, $"New since the prior exam: the table's first step for this nodule ({current.Reason.TrimEnd('.')}).");
            case PairStatus.Growing:
            case PairStatus.SlowGrowing:
                string suspicious = current.Group is SinglePartSolid or MultipleSubsolid && current.Nodule.Type == NoduleType.PartSolid
                    ? "a growing part-solid nodule is highly suspicious (PET/CT, biopsy or resection)"
                    : "growth is suspicious for malignancy";
                return new FleischnerFollowUpStep(true, "Work-up rather than surveillance: PET/CT or tissue sampling; at least a short-interval CT",
                    $"{(status == PairStatus.Growing ? "Growing" : "Slowly growing")} since the prior exam: {suspicious} (Fleischner 2017).");
            case PairStatus.NotAssessed:
                return new FleischnerFollowUpStep(true, table, "Growth could not be assessed: the table's step for the current size.");
        }

        var band = BandOf(current.SizeUsed);
        foreach (var (group, bands, low, high) in AfterStableFollowUp)
        {
            if (group != current.Group || Array.IndexOf(bands, band) < 0)
            {
                continue;
            }

            string next = high is null ? low
                : current.Risk switch
                {
                    RiskLevel.Low => low,
                    RiskLevel.High => high,
                    _ => $"Low risk: {low} | High risk: {high}",
                };
            string course = status == PairStatus.Shrinking ? "Smaller than on the prior exam" : "Persistent without growth";
            return new FleischnerFollowUpStep(true, next,
                $"{course}: the follow-up after the first interval ({current.Reason.TrimEnd('.')}; table: {table}).");
        }

        return new FleischnerFollowUpStep(true, table, current.Reason);
    }

    /// <summary>The step for a nodule that is no longer seen.</summary>
    public static FleischnerFollowUpStep Resolved() =>
        new(true, "No further follow-up for this nodule", "Not seen on the current exam (resolved): transient, most likely inflammatory.");

    private static Band BandOf(MeasuredSize size) => size.Measure == SizeMeasure.MeanDiameter
        ? size.Value < SmallBelowMm ? Band.Small : size.Value > LargeAboveMm ? Band.Large : Band.Medium
        : size.Value < SmallBelowMm3 ? Band.Small : size.Value > LargeAboveMm3 ? Band.Large : Band.Medium;

    private static string Recommendations(FleischnerResult result) =>
        string.Join(" | ", result.Recommendations.Select(r => r.Risk is null ? r.Text : $"{r.Risk} risk: {r.Text}"));
}
