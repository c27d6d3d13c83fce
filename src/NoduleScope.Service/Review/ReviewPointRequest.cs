namespace NoduleScope.Service.Review;

/// <summary>The body of <c>POST /api/review/studies/{id}/findings</c> (docs/review-api.md): the point a reviewer clicked
/// on a missed nodule, in DICOM patient coordinates (LPS, mm).</summary>
public sealed record ReviewPointRequest(double? X, double? Y, double? Z);
