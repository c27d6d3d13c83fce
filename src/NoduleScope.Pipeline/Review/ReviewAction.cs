using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Review;

/// <summary>
/// One entry of the review audit trail (review.json): who did what to which finding and when. <see cref="Action"/> is
/// "accept", "reject", "edit" or "add"; an edit carries the corrected long and short axis in mm, an add the clicked point
/// (LPS mm) and the finding segmented and characterised there, so that the trail alone restores it.
/// </summary>
public sealed record ReviewAction
{
    public required int FindingId { get; init; }

    public required string Action { get; init; }

    public required string User { get; init; }

    public required DateTimeOffset Time { get; init; }

    public double? LongAxisMm { get; init; }

    public double? ShortAxisMm { get; init; }

    public double[]? PointMm { get; init; }

    public FindingsNodule? Finding { get; init; }
}
