namespace NoduleScope.Clinical;

/// <summary>A guideline size boundary as a diameter and its published volume equivalent.</summary>
internal readonly record struct SizeThreshold(double DiameterMm, double VolumeMm3);
