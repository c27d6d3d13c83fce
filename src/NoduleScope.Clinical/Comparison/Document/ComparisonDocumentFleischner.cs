namespace NoduleScope.Clinical.Comparison.Document;

public sealed record ComparisonDocumentFleischner(bool Applicable, string NextStep, string Reason);
