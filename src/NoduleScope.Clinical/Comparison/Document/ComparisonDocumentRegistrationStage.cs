namespace NoduleScope.Clinical.Comparison.Document;

public sealed record ComparisonDocumentRegistrationStage(string Name, string Model, double SpacingMm, double InitialCost, double FinalCost, int Iterations, int Samples, double Seconds);
