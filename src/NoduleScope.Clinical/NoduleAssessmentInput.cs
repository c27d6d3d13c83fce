namespace NoduleScope.Clinical;

/// <summary>
/// One nodule's type, measurements and features as the guideline engines need them. Sizes are mm (0.1 mm), volumes mm³.
/// Give the axes or the mean diameter (or both), and the volume where it was measured.
/// </summary>
public sealed record NoduleAssessmentInput
{
    public required NoduleType Type { get; init; }

    public double? LongAxisMm { get; init; }

    /// <summary>Longest axis perpendicular to the long axis, on the same image.</summary>
    public double? ShortAxisMm { get; init; }

    /// <summary>(long + short) / 2; derived from the axes when absent.</summary>
    public double? MeanDiameterMm { get; init; }

    public double? VolumeMm3 { get; init; }

    /// <summary>Part-solid only: mean diameter of the solid component.</summary>
    public double? SolidComponentMeanDiameterMm { get; init; }

    /// <summary>Part-solid only: volume of the solid component.</summary>
    public double? SolidComponentVolumeMm3 { get; init; }

    public CalcificationPattern Calcification { get; init; } = CalcificationPattern.None;

    public bool FatContaining { get; init; }

    /// <summary>Attached to the costal pleura or a fissure.</summary>
    public bool Juxtapleural { get; init; }

    public bool SmoothMargins { get; init; }

    public NoduleShape Shape { get; init; } = NoduleShape.Unspecified;

    public bool Spiculated { get; init; }

    /// <summary>In an upper lobe (right upper or left upper lobe, lingula excluded); null when not located.</summary>
    public bool? UpperLobe { get; init; }

    /// <summary>Follow-up exams: the nodule was not present on the prior exam.</summary>
    public bool NewSincePrior { get; init; }

    /// <summary>Follow-up exams: this nodule's measurements on the prior exam, when it was matched.</summary>
    public PriorNoduleMeasurement? Prior { get; init; }
}
