namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>A nodule on one exam.</summary>
public sealed record ComparisonDocumentNodule
{
    /// <summary>Its finding id on that exam (findings.json); absent for a nodule refound on the prior exam.</summary>
    public int? FindingId { get; init; }

    /// <summary>finding or refound.</summary>
    public required string Source { get; init; }

    /// <summary>Centre in this exam's own world frame.</summary>
    public required double[] CenterWorld { get; init; }

    /// <summary>Centre mapped into the current exam's world frame.</summary>
    public required double[] CenterInCurrentWorld { get; init; }

    public required double LongAxisMm { get; init; }

    public required double ShortAxisMm { get; init; }

    public required double MeanDiameterMm { get; init; }

    public required double VolumeMm3 { get; init; }

    public required double SolidMeanDiameterMm { get; init; }

    /// <summary>solid, part-solid, non-solid.</summary>
    public required string Type { get; init; }

    public double? Probability { get; init; }
}
