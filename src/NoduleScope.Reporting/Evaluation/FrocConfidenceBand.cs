namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// The bootstrap FROC curves summarised on a grid of false-positive rates (log-spaced from 1/8 to 8 per scan): mean,
/// lower and upper percentile of the sensitivity at each rate.
/// </summary>
public sealed record FrocConfidenceBand(
    IReadOnlyList<double> FalsePositivesPerScan,
    IReadOnlyList<double> Mean,
    IReadOnlyList<double> Lower,
    IReadOnlyList<double> Upper);
