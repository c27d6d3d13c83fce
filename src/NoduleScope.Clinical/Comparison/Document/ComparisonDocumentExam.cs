namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>One of the two exams: what was read and where its findings came from.</summary>
public sealed record ComparisonDocumentExam
{
    public required string Path { get; init; }

    public string? StudyInstanceUid { get; init; }

    public string? SeriesInstanceUid { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    public required string StudyDate { get; init; }

    /// <summary>"detection", or the findings.json the findings were read from.</summary>
    public required string FindingsSource { get; init; }

    public required int FindingCount { get; init; }
}
