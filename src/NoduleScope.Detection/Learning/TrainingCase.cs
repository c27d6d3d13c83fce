using NoduleScope.Imaging;

namespace NoduleScope.Detection.Learning;

/// <summary>One development scan before detection: its volume, the nodules placed in it and the real lesions excluded
/// from labels.</summary>
public sealed record TrainingCase(string Name, string Background, CtVolume Volume, IReadOnlyList<LesionRegion> Nodules, IReadOnlyList<LesionRegion> Excluded);
