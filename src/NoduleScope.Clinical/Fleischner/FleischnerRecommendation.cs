namespace NoduleScope.Clinical.Fleischner;

/// <summary>A Fleischner recommendation for one risk level; <paramref name="Risk"/> is null when it holds for both.</summary>
public sealed record FleischnerRecommendation(RiskLevel? Risk, string Text);
