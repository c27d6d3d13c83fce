using System.Text.Json;
using NoduleScope.Clinical;
using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Comparison;

/// <summary>
/// Compares a current exam with a prior one and builds the documents, as <c>nodulescope compare</c> and the service
/// (when a prior study of the patient exists) do.
/// </summary>
public static class StudyComparer
{
    public const string ComparisonFileName = "comparison.json";
    public const string PriorFindingsFileName = "prior-findings.json";

    /// <param name="sources">What comparison.json names as the inputs (paths, or opaque study ids in the service).</param>
    /// <param name="warnings">Warnings of reading both exams, kept in the documents.</param>
    public static StudyComparison Compare(ComparisonExam prior, ComparisonExam current, PatientContext patient, ExamPurpose purpose, IReadOnlyList<PairOverride> overrides,
        ComparisonSources sources, double threshold, string version, IReadOnlyList<string> warnings, IProgress<string>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(warnings);
        var result = new ExamComparer().Compare(prior, current, patient, purpose, overrides, stage, cancellationToken);
        var document = ComparisonDocumentBuilder.Build(result, prior, current, sources, version) with { Warnings = [.. warnings, .. result.Warnings] };
        var followUp = current.Detection with { Findings = result.CurrentFindings };
        var findings = FindingsDocumentBuilder.Build(current.Volume, followUp, threshold, sources.CurrentPath, version, result.CurrentAssessment);
        findings = findings with { Findings = [.. findings.Findings.Select(f => f with { Prior = Link(result, f.Id) })], Warnings = [.. warnings, .. followUp.Warnings] };
        var priorFindings = FindingsDocumentBuilder.Build(prior.Volume, prior.Detection with { Findings = result.PriorFindings }, threshold, sources.PriorPath, version, result.PriorAssessment);
        return new StudyComparison(result, document, findings, priorFindings);
    }

    /// <summary>Writes comparison.json, findings.json (with the prior links) and prior-findings.json into <paramref name="folder"/>.</summary>
    public static void Write(StudyComparison comparison, string folder)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        Directory.CreateDirectory(folder);
        ComparisonJson.Write(comparison.Document, Path.Combine(folder, ComparisonFileName));
        FindingsJson.Write(comparison.CurrentFindings, Path.Combine(folder, "findings.json"));
        FindingsJson.Write(comparison.PriorFindings, Path.Combine(folder, PriorFindingsFileName));
    }

    private static FindingsPriorLink? Link(ComparisonResult result, int findingId)
    {
        if (result.PairOfCurrent(findingId) is not { } pair)
        {
            return null;
        }

        var prior = pair.Prior;
        return new FindingsPriorLink
        {
            Status = JsonNamingPolicy.CamelCase.ConvertName(pair.Status.ToString()),
            ComparisonPairIndex = pair.Index,
            PriorFindingId = prior?.FindingId,
            MatchMethod = JsonNamingPolicy.CamelCase.ConvertName(pair.Match.Method.ToString()),
            MatchConfidence = Math.Round(pair.Match.Confidence, 3),
            PriorCenterWorld = prior is null ? null : [Math.Round(prior.Center.X, 2), Math.Round(prior.Center.Y, 2), Math.Round(prior.Center.Z, 2)],
            PriorMeanDiameterMm = prior is null ? null : Math.Round(prior.Measurement.MeanDiameterMm, 1),
            PriorVolumeMm3 = prior is null ? null : Math.Round(prior.Measurement.VolumeMm3),
            MeanDiameterChangeMm = pair.Change?.MeanDiameterChangeMm,
            VolumeChangePercent = pair.Change is { } c ? Math.Round(c.VolumeChangePercent, 1) : null,
            VolumeDoublingTimeDays = pair.Change?.DoublingTime.DoublingTimeDays,
            IntervalDays = result.IntervalDays,
        };
    }
}
