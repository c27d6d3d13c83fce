namespace NoduleScope.Clinical.Fleischner;

/// <summary>One row of the Fleischner 2017 table.</summary>
/// <param name="HighRisk">The high-risk recommendation; null when the row does not depend on risk.</param>
internal sealed record FleischnerRule(FleischnerNoduleGroup Group, SizeRange Size, string LowRisk, string? HighRisk = null);
