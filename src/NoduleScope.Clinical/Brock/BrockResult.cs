namespace NoduleScope.Clinical.Brock;

/// <summary>A Brock (PanCan) malignancy probability with its terms, the inputs used, and what was assumed or flagged.</summary>
/// <param name="Probability">P(malignant), 0–1, with unknown yes/no inputs at their higher-risk value.</param>
/// <param name="Range">Over the unknown yes/no inputs (sex, family history, emphysema, upper lobe); not over unknown age.</param>
/// <param name="Terms">The intercept and every term; their contributions add up to <paramref name="Logit"/>.</param>
/// <param name="BtsReading">For nodules ≥ 8 mm, the British Thoracic Society reading of the 10 % threshold.</param>
public sealed record BrockResult(
    double Probability,
    double Logit,
    ProbabilityRange Range,
    IReadOnlyList<BrockTerm> Terms,
    BrockInputs InputsUsed,
    IReadOnlyList<AssumedInput> UnknownInputs,
    IReadOnlyList<OutOfRangeInput> OutOfRange,
    string? BtsReading,
    IReadOnlyList<string> Warnings,
    NoduleAssessmentInput Nodule,
    PatientContext Patient,
    ExamContext Exam);
