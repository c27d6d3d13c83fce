namespace NoduleScope.Reporting.Evaluation;

/// <summary>What the matching of marks to findings found, over the evaluated scans.</summary>
public sealed record FrocEvaluationCounts
{
    /// <summary>Scans in the denominator of the false-positive rate (those with no mark included).</summary>
    public int Scans { get; init; }

    /// <summary>Annotated nodules in the evaluated scans (the denominator of the sensitivity).</summary>
    public int Nodules { get; init; }

    /// <summary>Nodules hit by at least one mark at any probability.</summary>
    public int DetectedNodules { get; init; }

    /// <summary>Excluded (irrelevant) findings in the evaluated scans.</summary>
    public int ExcludedFindings { get; init; }

    /// <summary>Marks evaluated (after the per-scan cap).</summary>
    public int Candidates { get; init; }

    /// <summary>Marks that hit at least one nodule.</summary>
    public int HitCandidates { get; init; }

    /// <summary>Marks that hit nothing relevant.</summary>
    public int FalsePositives { get; init; }

    /// <summary>Marks ignored because they hit an excluded finding and no nodule.</summary>
    public int IgnoredOnExcludedFindings { get; init; }

    /// <summary>Extra hits on already hit nodules (a nodule hit by k marks adds k - 1), which count once.</summary>
    public int DuplicateHits { get; init; }

    /// <summary>Marks inside more than one nodule (each of those nodules counts it, as in the official script).</summary>
    public int CandidatesHittingSeveralNodules { get; init; }

    /// <summary>Marks dropped by the per-scan cap.</summary>
    public int CandidatesDroppedByCap { get; init; }

    /// <summary>Predictions whose series is not among the evaluated scans (ignored).</summary>
    public int PredictionsOutsideScans { get; init; }

    /// <summary>Annotations and excluded findings whose series is not among the evaluated scans (ignored).</summary>
    public int AnnotationsOutsideScans { get; init; }
}
