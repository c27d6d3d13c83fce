using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Comparison;

/// <summary>A processed earlier study of the patient, loaded for comparison: its volume and the findings it was given.</summary>
public sealed record PriorStudy(string StudyId, string JobId, DateOnly StudyDate, CtVolume Volume, FindingsDocument Findings, IReadOnlyList<string> Warnings);
