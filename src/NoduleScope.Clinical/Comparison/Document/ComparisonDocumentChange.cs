namespace NoduleScope.Clinical.Comparison.Document;

public sealed record ComparisonDocumentChange
{
    /// <summary>Axial mean diameter, current minus prior.</summary>
    public required double MeanDiameterChangeMm { get; init; }

    /// <summary>The volumes the change and the doubling time use.</summary>
    public required double PriorVolumeMm3 { get; init; }

    public required double CurrentVolumeMm3 { get; init; }

    /// <summary>registered subtraction, partial-volume masks.</summary>
    public required string VolumeMethod { get; init; }

    public required double VolumeChangeMm3 { get; init; }

    public required double VolumeChangePercent { get; init; }

    /// <summary>Days; negative when shrinking (the halving time); absent when the volume did not change.</summary>
    public double? VolumeDoublingTimeDays { get; init; }

    /// <summary>BTS reading: stable, decreased, suggestsInfectionOrInflammation, suspicious, biopsyOrSurveillance, considerStoppingSurveillance.</summary>
    public required string BtsReading { get; init; }

    public required string VolumeInterpretation { get; init; }

    /// <summary>The comparison's call: growing, notGrowing, slowGrowth, notAssessed.</summary>
    public required string GrowthCall { get; init; }

    public required string GrowthReason { get; init; }

    /// <summary>Lung-RADS growth on the axial mean diameters alone (what the Lung-RADS category uses).</summary>
    public required string DiameterGrowthCall { get; init; }

    /// <summary>The same threshold on the volumes' sphere-equivalent diameters.</summary>
    public required string VolumeGrowthCall { get; init; }

    /// <summary>increased, withinNoise, decreased.</summary>
    public required string BeyondNoise { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}
