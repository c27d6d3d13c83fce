namespace NoduleScope.Clinical.Growth;

/// <summary>A nodule's volume (and optionally mean diameter) on a prior and the current exam.</summary>
public sealed record VolumeDoublingTimeInput
{
    public required double PriorVolumeMm3 { get; init; }

    public required double CurrentVolumeMm3 { get; init; }

    public required double IntervalDays { get; init; }

    /// <summary>For the growth call; sphere-equivalent diameters of the volumes are used when absent.</summary>
    public double? PriorMeanDiameterMm { get; init; }

    public double? CurrentMeanDiameterMm { get; init; }

    public MeasurementReaders Readers { get; init; } = MeasurementReaders.SameReader;
}
