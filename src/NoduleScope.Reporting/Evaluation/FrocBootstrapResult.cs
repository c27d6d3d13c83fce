namespace NoduleScope.Reporting.Evaluation;

/// <summary>Intervals from <see cref="FrocBootstrap"/>; an interval is null when no resample defined the statistic.</summary>
internal sealed record FrocBootstrapResult(
    ConfidenceInterval? Cpm,
    ConfidenceInterval?[] ReferencePoints,
    ConfidenceInterval?[] SizeBuckets,
    FrocConfidenceBand Band);
