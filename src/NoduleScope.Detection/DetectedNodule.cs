using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Detection;

/// <summary>A reported nodule: one per physical nodule after duplicates are merged.</summary>
public sealed record DetectedNodule(int Id, Vector3D Center, double Probability, NoduleMeasurement Measurement, byte Lung, NoduleSegmentation Segmentation);
