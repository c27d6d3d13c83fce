using Microsoft.Extensions.Logging;
using NoduleScope.Dicom;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Pipeline.Workers;

/// <summary>
/// Processes a study job as <c>nodulescope detect</c> processes a folder: series selection and assembly from the stored
/// instances, then <see cref="StudyProcessor"/>. With a <paramref name="priors"/> finder, the study is compared with the
/// patient's latest earlier processed study (same PatientID) and its results carry the change since then. The DICOM
/// results of <paramref name="sendKinds"/> are returned for sending.
/// </summary>
public sealed class StudyJobProcessor(StudyProcessor processor, OutputKinds sendKinds, PriorStudyFinder? priors = null, ILogger? logger = null) : IJobProcessor
{
    public StudyProcessor Processor { get; } = processor;

    /// <summary>Which DICOM results go back to the PACS (SR, SEG, SC, Encapsulated PDF).</summary>
    public OutputKinds SendKinds { get; } = sendKinds & OutputKinds.Dicom;

    public Task<IReadOnlyList<string>> ProcessAsync(ClaimedJob job, IReadOnlyList<string> instancePaths, string resultFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(instancePaths);
        return Task.Run<IReadOnlyList<string>>(async () =>
        {
            var loaded = StoredSeriesLoader.Load(instancePaths, cancellationToken);
            var analysis = Processor.Analyze(loaded.Volume, loaded.Warnings, "study/" + job.StudyId, cancellationToken: cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (priors is not null)
            {
                analysis = await CompareWithPriorAsync(job, analysis, cancellationToken).ConfigureAwait(false);
            }

            var outputs = Processor.Write(analysis, resultFolder);
            return [.. outputs.ResultFiles.Where(IsSent).Order(StringComparer.Ordinal)];
        }, cancellationToken);
    }

    /// <summary>A prior processed after its follow-up: the follow-up is queued again to be compared with it.</summary>
    public async Task CompletedAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        if (priors is not null && await priors.RequeueNextExamAsync(job, cancellationToken).ConfigureAwait(false) is { } requeued)
        {
            logger?.LogInformation("job {Job}: study {Study} is a prior of a study processed before it; job {Requeued} compares them", job.JobId, job.StudyId, requeued);
        }
    }

    /// <summary>
    /// The analysis compared with the patient's prior study when there is one. A comparison that fails (a prior that no
    /// longer loads, registration that cannot start) leaves the study's own results, with a warning saying why.
    /// </summary>
    private async Task<StudyAnalysis> CompareWithPriorAsync(ClaimedJob job, StudyAnalysis analysis, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var result = analysis;
        PriorStudy? prior = null;
        try
        {
            prior = await priors!.RecordAndFindAsync(job, analysis.Volume, warnings, cancellationToken).ConfigureAwait(false);
            if (prior is not null)
            {
                var date = DicomDate.Parse(analysis.Volume.Source.StudyDate)!.Value;
                logger?.LogInformation("job {Job}: comparing study {Study} with its prior study {Prior}", job.JobId, job.StudyId, prior.StudyId);
                var overrides = priors.PairOverrides(job.StudyId, warnings);
                result = Processor.CompareWithPrior(analysis, prior, date, "study/" + job.StudyId, overrides: overrides, cancellationToken: cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not LeaseLostException)
        {
            logger?.LogWarning(e, "job {Job}: the comparison with a prior study failed", job.JobId);
            warnings.Add($"no comparison with the prior study {prior?.StudyId ?? "(not loaded)"}: {e.GetType().Name}: {e.Message}");
        }

        return warnings.Count == 0 ? result : result with { Document = result.Document with { Warnings = [.. result.Document.Warnings, .. warnings] } };
    }

    /// <summary>The DICOM file names <see cref="ResultsWriter"/> gives each kind.</summary>
    private bool IsSent(string path)
    {
        if (!string.Equals(Path.GetFileName(Path.GetDirectoryName(path)), "dicom", StringComparison.Ordinal))
        {
            return false;
        }

        string name = Path.GetFileName(path);
        return (SendKinds.HasFlag(OutputKinds.Sr) && name == "SR.dcm")
            || (SendKinds.HasFlag(OutputKinds.Seg) && name == "SEG.dcm")
            || (SendKinds.HasFlag(OutputKinds.Sc) && name.StartsWith("SC-", StringComparison.Ordinal))
            || (SendKinds.HasFlag(OutputKinds.Epdf) && name == "PDF.dcm");
    }
}
