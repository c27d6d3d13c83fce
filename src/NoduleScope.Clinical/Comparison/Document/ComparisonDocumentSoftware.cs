namespace NoduleScope.Clinical.Comparison.Document;

public sealed record ComparisonDocumentSoftware(string Name, string Version);
