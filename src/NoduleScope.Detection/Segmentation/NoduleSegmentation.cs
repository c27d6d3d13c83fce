using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Segmentation;

/// <summary>A nodule mask on a crop of the CT's own grid, with its measurements and the share of its 1–3 mm
/// surroundings that is aerated lung (about 1 for a nodule in the parenchyma, ~0.5 on the pleura, low for a piece of
/// chest wall or mediastinum that only looks like a blob). <see cref="Outline"/> is the nodule as radiologists outline it:
/// the mask plus the partial-volume rim at its edge (what is shown and exported); measurements and features use the
/// mask.</summary>
public sealed record NoduleSegmentation(MaskVolume Mask, NoduleMeasurement Measurement, double ThresholdHu, double SurroundingLungFraction, MaskVolume Outline);
