namespace NoduleScope.Pipeline.Review;

/// <summary>Where the review of one finding stands: the last accept/reject (null while pending) and the last
/// corrected diameters (null when not edited). <see cref="Added"/>: the reviewer added the finding (a missed nodule),
/// which counts as accepted until rejected.</summary>
public sealed record ReviewDecision(int FindingId, string? Status, string? User, DateTimeOffset? Time, double? LongAxisMm, double? ShortAxisMm, bool Added = false);
