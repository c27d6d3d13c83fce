using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection;

namespace NoduleScope.Clinical.Comparison;

/// <summary>Everything a comparison produced.</summary>
/// <param name="Pairs">One per nodule seen on either exam.</param>
/// <param name="PriorFindings">The prior exam's findings as measured for the comparison (segmented again).</param>
/// <param name="PriorAssessment">The prior exam's findings characterised (as a baseline exam), in the same order.</param>
/// <param name="CurrentFindings">The current exam's findings, then the nodules refound on it (ids continue).</param>
/// <param name="CurrentAssessment">The follow-up assessment of <see cref="CurrentFindings"/>, in the same order: each
/// nodule with its prior measurement or marked new; Lung-RADS in the follow-up round.</param>
public sealed record ComparisonResult(
    ScanRegistration Registration,
    double IntervalDays,
    IReadOnlyList<NodulePair> Pairs,
    IReadOnlyList<DetectedNodule> PriorFindings,
    ExamAssessment PriorAssessment,
    IReadOnlyList<DetectedNodule> CurrentFindings,
    ExamAssessment CurrentAssessment,
    FleischnerFollowUpStep? ExamFleischnerStep,
    IReadOnlyList<StageTiming> Timings,
    IReadOnlyList<string> Warnings)
{
    public int Count(PairStatus status) => Pairs.Count(p => p.Status == status);

    /// <summary>The pair whose current side is current finding <paramref name="findingId"/>.</summary>
    public NodulePair? PairOfCurrent(int findingId) => Pairs.FirstOrDefault(p => p.Current?.FindingId == findingId);
}
