namespace NoduleScope.Clinical.Comparison;

/// <summary>The two exams' volumes of one nodule as used for its change, and how they were obtained.</summary>
/// <param name="Method">"registered subtraction" or "partial-volume masks" (see <see cref="RegisteredVolumetry"/>).</param>
/// <param name="DifferenceMm3">The change measured by subtraction; null when that was not used.</param>
public sealed record PairVolumes(double PriorMm3, double CurrentMm3, string Method, double? DifferenceMm3);
