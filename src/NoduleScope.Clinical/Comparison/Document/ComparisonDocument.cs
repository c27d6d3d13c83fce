namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>
/// The content of comparison.json (schema <see cref="SchemaId"/>, documented in docs/comparison.md). World coordinates
/// are DICOM patient coordinates (LPS, mm) of the exam named; sizes are rounded as clinicians report them.
/// </summary>
public sealed record ComparisonDocument
{
    public const string SchemaId = "nodulescope.comparison/0.1";

    public string Schema { get; init; } = SchemaId;

    public required ComparisonDocumentSoftware Software { get; init; }

    public required ComparisonDocumentExam Prior { get; init; }

    public required ComparisonDocumentExam Current { get; init; }

    public required double IntervalDays { get; init; }

    public required ComparisonDocumentRegistration Registration { get; init; }

    public required ComparisonDocumentSummary Summary { get; init; }

    public required IReadOnlyList<ComparisonDocumentPair> Pairs { get; init; }

    public required IReadOnlyList<ComparisonDocumentStage> Stages { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }
}
