using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;

namespace NoduleScope.Detection.Learning;

/// <summary>A real CT to insert nodules into, its lungs, and its own lesions (which are excluded from labels).</summary>
public sealed record TrainingBackground(string Name, CtVolume Volume, LungSegmentation Lungs, IReadOnlyList<LesionRegion> RealLesions);
