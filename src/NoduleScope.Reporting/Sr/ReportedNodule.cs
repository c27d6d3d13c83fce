using NoduleScope.Reporting.Dicom;

namespace NoduleScope.Reporting.Sr;

/// <summary>One measurement group of a TID 1500 report, as read back by <see cref="MeasurementReportReader"/>.</summary>
public sealed record ReportedNodule
{
    public required string TrackingIdentifier { get; init; }

    public required string TrackingUid { get; init; }

    public CodedConcept? Finding { get; init; }

    public CodedConcept? FindingSite { get; init; }

    /// <summary>The SCOORD3D point (LPS mm) and its frame of reference; null when the group has none.</summary>
    public double[]? Center { get; init; }

    public string? FrameOfReferenceUid { get; init; }

    public double? LongAxisMm { get; init; }

    public double? ShortAxisMm { get; init; }

    public double? MeanDiameterMm { get; init; }

    public double? VolumeMm3 { get; init; }

    public double? MeanHu { get; init; }

    public double? MaxHu { get; init; }

    /// <summary>Detection certainty, 0–1.</summary>
    public double? DetectionProbability { get; init; }

    /// <summary>Brock model probability of malignancy, 0–1.</summary>
    public double? BrockProbability { get; init; }

    public double? MalignancyScore { get; init; }

    /// <summary>"solid", "part-solid" or "non-solid".</summary>
    public string? Type { get; init; }

    public string? LungRadsCategory { get; init; }

    public string? LungRadsManagement { get; init; }

    public string? FleischnerRecommendation { get; init; }

    public string? AlgorithmName { get; init; }

    public string? AlgorithmVersion { get; init; }

    /// <summary>Change since the prior exam (growing, slowGrowing, stable, shrinking, new, notAssessed); null without a comparison.</summary>
    public string? ChangeSincePrior { get; init; }

    public double? IntervalSincePriorDays { get; init; }

    public double? PriorMeanDiameterMm { get; init; }

    public double? VolumeChangePercent { get; init; }

    public double? VolumeDoublingTimeDays { get; init; }
}
