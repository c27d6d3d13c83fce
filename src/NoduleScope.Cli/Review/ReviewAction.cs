namespace NoduleScope.Cli.Review;

/// <summary>
/// One entry of the review audit trail (review.json): who did what to which finding and when. <see cref="Action"/> is
/// "accept", "reject" or "edit"; an edit carries the corrected long and short axis in mm.
/// </summary>
internal sealed record ReviewAction
{
    public required int FindingId { get; init; }

    public required string Action { get; init; }

    public required string User { get; init; }

    public required DateTimeOffset Time { get; init; }

    public double? LongAxisMm { get; init; }

    public double? ShortAxisMm { get; init; }
}
