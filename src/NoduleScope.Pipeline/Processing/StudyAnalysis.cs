using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;

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
    /// <summary>The warnings of reading the input, then those of detection (as in findings.json).</summary>
    public IEnumerable<string> Warnings => InputWarnings.Concat(Detection.Warnings);
}
