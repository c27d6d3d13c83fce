namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>One nodule across the two exams.</summary>
public sealed record ComparisonDocumentPair
{
    public required int Index { get; init; }

    /// <summary>growing, slowGrowing, stable, shrinking, new, resolved, notAssessed.</summary>
    public required string Status { get; init; }

    public required ComparisonDocumentMatch Match { get; init; }

    public ComparisonDocumentNodule? Prior { get; init; }

    public ComparisonDocumentNodule? Current { get; init; }

    public ComparisonDocumentChange? Change { get; init; }

    public ComparisonDocumentLungRads? LungRads { get; init; }

    public required ComparisonDocumentFleischner Fleischner { get; init; }
}
