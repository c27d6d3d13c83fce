namespace NoduleScope.Pipeline.Review;

/// <summary>The content of review.json: the schema id and every review action in the order they were made.</summary>
public sealed record ReviewTrailDocument
{
    public const string SchemaId = "nodulescope.review/0.1";

    public string Schema { get; init; } = SchemaId;

    public IReadOnlyList<ReviewAction> Actions { get; init; } = [];
}
