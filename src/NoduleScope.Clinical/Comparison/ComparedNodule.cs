using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Comparison;

/// <summary>One side of a pair: the nodule on one exam, its segmentation (mask on that exam's grid) and characterisation.</summary>
/// <param name="FindingId">Its id among that exam's findings (refound nodules on the current exam get the ids after the
/// detected ones; refound nodules on the prior exam have none).</param>
/// <param name="CenterInCurrent">Its centre in the current scan's world frame (registration and local refinement applied
/// for the prior side).</param>
/// <param name="Probability">Detection probability, when a detector scored it.</param>
public sealed record ComparedNodule(
    int? FindingId,
    Vector3D CenterInCurrent,
    NoduleSegmentation Segmentation,
    NoduleCharacterization Characterization,
    NoduleSource Source,
    double? Probability)
{
    public NoduleMeasurement Measurement => Segmentation.Measurement;

    /// <summary>Centre in this exam's own world frame.</summary>
    public Vector3D Center => Segmentation.Measurement.Centroid;
}
