namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// How sharply a nodule's edge rises out of the lung: the median 10–90 % rise distance of the HU profile across the
/// edge (<see cref="EdgeWidthMm"/>, about the scanner's blur for a well-defined nodule, wider for an ill-defined one),
/// measured on the rays of the centroid's axial slice that leave the nodule into aerated lung. Null when fewer than
/// <see cref="NoduleMarginAnalyzer.MinRays"/> rays could be measured (a nodule against the pleura or a vessel all
/// round, or too faint).
/// </summary>
public sealed record NoduleMargin(double? EdgeWidthMm, int MeasuredRays);
