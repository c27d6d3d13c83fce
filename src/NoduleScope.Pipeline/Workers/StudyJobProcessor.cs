using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Pipeline.Workers;

/// <summary>
/// Processes a study job as <c>nodulescope detect</c> processes a folder: series selection and assembly from the stored
/// instances, then <see cref="StudyProcessor"/>. The DICOM results of <paramref name="sendKinds"/> are returned for sending.
/// </summary>
public sealed class StudyJobProcessor(StudyProcessor processor, OutputKinds sendKinds) : IJobProcessor
{
    public StudyProcessor Processor { get; } = processor;

    /// <summary>Which DICOM results go back to the PACS (SR, SEG, SC, Encapsulated PDF).</summary>
    public OutputKinds SendKinds { get; } = sendKinds & OutputKinds.Dicom;

    public Task<IReadOnlyList<string>> ProcessAsync(ClaimedJob job, IReadOnlyList<string> instancePaths, string resultFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(instancePaths);
        return Task.Run<IReadOnlyList<string>>(() =>
        {
            var loaded = StoredSeriesLoader.Load(instancePaths, cancellationToken);
            var analysis = Processor.Analyze(loaded.Volume, loaded.Warnings, "study/" + job.StudyId, cancellationToken: cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var outputs = Processor.Write(analysis, resultFolder);
            return [.. outputs.ResultFiles.Where(IsSent).Order(StringComparer.Ordinal)];
        }, cancellationToken);
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
