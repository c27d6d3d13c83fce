using NoduleScope.Clinical.Growth;

namespace NoduleScope.Clinical.LungRads;

/// <summary>A nodule's Lung-RADS v2022 category, the rule that decided it, and the inputs.</summary>
/// <param name="Reason">The deciding rule in words, with the measured size and the threshold it was compared with.</param>
/// <param name="CategoryBeforeSuspiciousFeatures">The size category when suspicious features raised it to 4X.</param>
/// <param name="SizeUsed">The whole nodule's size as compared (mean diameter to 0.1 mm or volume to 1 mm³).</param>
/// <param name="Growth">Whole-nodule growth against the prior, on follow-up exams with a matched prior.</param>
public sealed record LungRadsNoduleResult(
    LungRadsCategory Category,
    string CategoryLabel,
    string Reason,
    LungRadsCategory? CategoryBeforeSuspiciousFeatures,
    IReadOnlyList<string> SuspiciousFeatures,
    NoduleTrajectory Trajectory,
    MeasuredSize? SizeUsed,
    MeasuredSize? SolidComponentSizeUsed,
    GrowthAssessment? Growth,
    GrowthAssessment? SolidComponentGrowth,
    string Management,
    string MalignancyProbability,
    IReadOnlyList<string> Warnings,
    NoduleAssessmentInput Nodule,
    ExamContext Exam);
