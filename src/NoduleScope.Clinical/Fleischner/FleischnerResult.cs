namespace NoduleScope.Clinical.Fleischner;

/// <summary>The Fleischner 2017 recommendation for an incidental nodule, with the row that gave it and the inputs.</summary>
/// <param name="Applicable">False when the guideline does not apply to this patient or exam; then there are no recommendations.</param>
/// <param name="SizeUsed">Mean diameter rounded to the nearest whole mm, or volume to the nearest mm³.</param>
/// <param name="SizeBand">The row's size band on both scales.</param>
/// <param name="Recommendations">One for the given risk, both when the risk is unknown, one (risk null) when risk does not matter.</param>
/// <param name="Notes">Clinical notes beside the table (e.g. a highly suspicious part-solid nodule).</param>
public sealed record FleischnerResult(
    bool Applicable,
    IReadOnlyList<string> NotApplicableReasons,
    FleischnerNoduleGroup Group,
    MeasuredSize SizeUsed,
    string SizeBand,
    string Reason,
    RiskLevel? Risk,
    IReadOnlyList<FleischnerRecommendation> Recommendations,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Warnings,
    NoduleAssessmentInput Nodule,
    PatientContext Patient,
    ExamContext Exam);
