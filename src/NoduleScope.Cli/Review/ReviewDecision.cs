namespace NoduleScope.Cli.Review;

/// <summary>Where the review of one finding stands: the last accept/reject (null while pending) and the last
/// corrected diameters (null when not edited).</summary>
internal sealed record ReviewDecision(int FindingId, string? Status, string? User, DateTimeOffset? Time, double? LongAxisMm, double? ShortAxisMm);
