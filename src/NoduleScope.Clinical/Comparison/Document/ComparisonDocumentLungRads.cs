namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>The current nodule's Lung-RADS v2022 category in the follow-up round.</summary>
public sealed record ComparisonDocumentLungRads(string Category, string Trajectory, string Reason, string Management);
