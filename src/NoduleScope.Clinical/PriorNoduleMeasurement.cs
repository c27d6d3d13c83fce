namespace NoduleScope.Clinical;

/// <summary>The same nodule as measured on a prior exam, for follow-up rules, growth and volume doubling time.</summary>
public sealed record PriorNoduleMeasurement
{
    /// <summary>Days between the prior exam and the current one (&gt; 0).</summary>
    public required double IntervalDays { get; init; }

    /// <summary>Type on the prior exam; a prior non-solid nodule that is now part-solid has a new solid component.</summary>
    public NoduleType? Type { get; init; }

    public double? MeanDiameterMm { get; init; }

    public double? VolumeMm3 { get; init; }

    public double? SolidComponentMeanDiameterMm { get; init; }

    public double? SolidComponentVolumeMm3 { get; init; }

    public MeasurementReaders Readers { get; init; } = MeasurementReaders.SameReader;
}
