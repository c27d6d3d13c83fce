namespace NoduleScope.Reporting.Evaluation;

/// <summary>Settings of a LUNA16-style FROC evaluation; the defaults are those of the official evaluation.</summary>
public sealed record FrocEvaluationOptions
{
    /// <summary>Bootstrap resamples of the scans for the confidence intervals; 0 turns bootstrapping off.</summary>
    public int BootstrapSamples { get; init; } = 1000;

    /// <summary>Seed of the resampling, so that the intervals are reproducible.</summary>
    public int Seed { get; init; } = 2016;

    /// <summary>Two-sided confidence level of the intervals.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>
    /// Only the most probable marks of each scan are evaluated (the official evaluation keeps at most 100: those scored
    /// strictly above the 101st highest probability); 0 keeps every mark.
    /// </summary>
    public int MaxCandidatesPerScan { get; init; } = 100;

    /// <summary>Hit diameter of a finding whose diameter is negative (unknown), as in the official script.</summary>
    public double UnknownDiameterMm { get; init; } = 10.0;

    /// <summary>Smallest nodule diameters (mm) of the size buckets whose sensitivity is reported.</summary>
    public IReadOnlyList<double> SizeBucketMinDiametersMm { get; init; } = [3.0, 6.0];

    /// <summary>False positives per scan at which the size buckets' sensitivity is read.</summary>
    public double SizeBucketFalsePositivesPerScan { get; init; } = 4.0;

    /// <summary>Probability threshold of the operating point to report (marks scored at or above it count), or null.</summary>
    public double? OperatingThreshold { get; init; }
}
