namespace NoduleScope.Reporting.Evaluation;

/// <summary>One row of a LUNA16 predictions file: a CAD mark's centre in world coordinates (LPS, mm) and its score.</summary>
public sealed record CandidatePrediction(string SeriesUid, double X, double Y, double Z, double Probability);
