namespace NoduleScope.Reporting.Evaluation;

/// <summary>The result of <see cref="FrocEvaluator.Evaluate"/>.</summary>
public sealed record FrocEvaluation
{
    /// <summary>The FROC curve of all the marks.</summary>
    public required FrocCurve Curve { get; init; }

    /// <summary>Sensitivity at 1/8, 1/4, 1/2, 1, 2, 4 and 8 false positives per scan.</summary>
    public required IReadOnlyList<FrocReferencePoint> ReferencePoints { get; init; }

    /// <summary>Competition performance metric: the mean of the seven reference sensitivities (NaN without nodules).</summary>
    public required double Cpm { get; init; }

    /// <summary>Bootstrap interval of the CPM, or null when bootstrapping is off.</summary>
    public ConfidenceInterval? CpmInterval { get; init; }

    /// <summary>Bootstrap band around the curve, or null when bootstrapping is off.</summary>
    public FrocConfidenceBand? Band { get; init; }

    /// <summary>Sensitivity per size bucket at <see cref="FrocEvaluationOptions.SizeBucketFalsePositivesPerScan"/>.</summary>
    public required IReadOnlyList<SizeBucketSensitivity> SizeBuckets { get; init; }

    /// <summary>The operating point at <see cref="FrocEvaluationOptions.OperatingThreshold"/>, when one was asked for.</summary>
    public ThresholdOperatingPoint? OperatingPoint { get; init; }

    public required FrocEvaluationCounts Counts { get; init; }

    /// <summary>True when no series list was given and the scans are those named in the annotations and predictions.</summary>
    public required bool ScansInferred { get; init; }

    public required FrocEvaluationOptions Options { get; init; }
}
