namespace NoduleScope.Clinical.LungRads;

/// <summary>The exam's Lung-RADS category (the highest nodule category) with every nodule's result.</summary>
/// <param name="DecidingNoduleIndex">Index into <paramref name="Nodules"/> of the first nodule with the exam category.</param>
public sealed record LungRadsExamResult(
    LungRadsCategory Category,
    string CategoryLabel,
    string Reason,
    int? DecidingNoduleIndex,
    string Management,
    string MalignancyProbability,
    IReadOnlyList<LungRadsNoduleResult> Nodules,
    IReadOnlyList<string> Warnings,
    ExamContext Exam);
