using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection;
using NoduleScope.Imaging;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Pipeline.Processing;

/// <summary>What <see cref="StudyProcessor.Analyze"/> found in one volume, ready to be written.</summary>
public sealed record StudyAnalysis(
    CtVolume Volume,
    DetectionResult Detection,
    ExamAssessment Assessment,
    FindingsDocument Document,
    string CandidatesSeriesId,
    IReadOnlyList<string> InputWarnings)
{
    /// <summary>The comparison with the patient's prior exam, when one was made (its findings replace <see cref="Document"/>'s).</summary>
    public StudyComparison? Comparison { get; init; }

    /// <summary>The prior exam of <see cref="Comparison"/>, for the side-by-side key images.</summary>
    public PriorExamInputs? Prior { get; init; }

    /// <summary>The warnings of reading the input, then those of detection (as in findings.json).</summary>
    public IEnumerable<string> Warnings => InputWarnings.Concat(Detection.Warnings);
}
