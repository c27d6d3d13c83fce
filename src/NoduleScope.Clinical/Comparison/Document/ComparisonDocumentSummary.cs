namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>Counts by status and the exam-level follow-up guidance (Lung-RADS follow-up round; Fleischner step of the most
/// suspicious nodule).</summary>
public sealed record ComparisonDocumentSummary
{
    public required int Paired { get; init; }

    public required int Growing { get; init; }

    public required int SlowGrowing { get; init; }

    public required int Stable { get; init; }

    public required int Shrinking { get; init; }

    public required int New { get; init; }

    public required int Resolved { get; init; }

    public required string LungRadsCategory { get; init; }

    public required string LungRadsManagement { get; init; }

    public required string LungRadsReason { get; init; }

    public string? FleischnerNextStep { get; init; }

    public string? FleischnerReason { get; init; }
}
