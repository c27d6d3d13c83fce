namespace NoduleScope.Reporting.Findings;

/// <summary>Exam-level clinical guidance (issue 4): the Lung-RADS exam category and the Fleischner recommendation.</summary>
public sealed record FindingsGuidance
{
    public string? LungRadsCategory { get; init; }

    public string? LungRadsManagement { get; init; }

    public string? FleischnerRecommendation { get; init; }

    /// <summary>Patient inputs used (age, sex, …) and the ones that were unknown.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();
}
