namespace NoduleScope.Clinical.Comparison.Document;

public sealed record ComparisonDocumentStage(string Name, double Seconds);
