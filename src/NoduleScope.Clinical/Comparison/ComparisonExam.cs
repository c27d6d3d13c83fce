using NoduleScope.Detection;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Comparison;

/// <summary>One exam to compare: its CT (HU, padding as air), its detection result (findings, scored candidates and
/// lungs; findings read from a findings.json come as a result without candidates) and its study date.</summary>
public sealed record ComparisonExam(CtVolume Volume, DetectionResult Detection, DateOnly Date);
