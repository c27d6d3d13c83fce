namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// One row of a LUNA16 annotations (or excluded-annotations) file: a finding's centre in world coordinates (LPS, mm)
/// and its diameter in mm. In excluded findings the diameter may be negative (-1, unknown).
/// </summary>
public sealed record NoduleAnnotation(string SeriesUid, double X, double Y, double Z, double DiameterMm);
