namespace NoduleScope.Service.Review;

/// <summary>The body of <c>POST /api/review/studies/{id}/findings/{findingId}/actions</c> (docs/review-api.md). The user
/// is not part of it: the host records the user it was started for.</summary>
public sealed record ReviewActionRequest(string? Action, double? LongAxisMm, double? ShortAxisMm);
