namespace NoduleScope.Detection.Learning;

/// <summary>A labelled scan with every candidate's probability from a model that did not see this scan's background.</summary>
public sealed record ScoredScan(LabelledScan Scan, double[] Probabilities);
