namespace NoduleScope.Clinical.Comparison.Document;

public sealed record ComparisonDocumentMatch
{
    /// <summary>automatic, user, refoundOnPrior, refoundOnCurrent, unpaired.</summary>
    public required string Method { get; init; }

    public double? DistanceMm { get; init; }

    public required double Confidence { get; init; }

    /// <summary>The local refinement's shift (current frame, mm) and its correlations; absent when none was run.</summary>
    public double[]? LocalShiftMm { get; init; }

    public double? LocalCorrelation { get; init; }

    public double? LocalCorrelationAtZero { get; init; }
}
