using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Segmentation;

/// <summary>A nodule mask on a crop of the CT's own grid, with its measurements.</summary>
public sealed record NoduleSegmentation(MaskVolume Mask, NoduleMeasurement Measurement, double ThresholdHu);
