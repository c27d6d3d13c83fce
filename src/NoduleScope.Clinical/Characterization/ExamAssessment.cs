using NoduleScope.Clinical.Fleischner;
using NoduleScope.Clinical.LungRads;

namespace NoduleScope.Clinical.Characterization;

/// <summary>Every nodule's assessment and the exam-level Lung-RADS category and Fleischner recommendation (for the
/// most suspicious nodule, with the nodule count deciding single vs multiple).</summary>
public sealed record ExamAssessment(
    IReadOnlyList<NoduleAssessment> Nodules,
    LungRadsExamResult LungRads,
    FleischnerResult? Fleischner,
    int? FleischnerNoduleIndex,
    PatientContext Patient,
    ExamContext Exam);
