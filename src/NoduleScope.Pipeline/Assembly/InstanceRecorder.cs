using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Network.Storage;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;

namespace NoduleScope.Pipeline.Assembly;

/// <summary>
/// The recorder of <see cref="FileSystemStoreHandler"/>: reads the study and series UIDs from the stored (fsynced) file
/// and records the instance in the queue. The C-STORE is acknowledged only when this returns; if it throws, the peer
/// gets a failure status and sends the instance again.
/// </summary>
public sealed class InstanceRecorder(IJobQueue queue, StorageRoot storage, ILogger? logger = null, PipelineCounters? counters = null)
{
    private static readonly DicomReadOptions HeaderOnly = DicomReadOptions.Default with { ReadPixelData = false, StopAtPixelData = true };

    private readonly ILogger logger = logger ?? NullLogger.Instance;

    public async ValueTask RecordAsync(StoredInstance stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var dataset = DicomFile.Open(stored.Path, HeaderOnly).Dataset;
        string study = dataset.GetString(DicomTags.StudyInstanceUID) is { Length: > 0 } s ? s : throw new InvalidDataException("the instance has no StudyInstanceUID");
        string series = dataset.GetString(DicomTags.SeriesInstanceUID) is { Length: > 0 } r ? r : throw new InvalidDataException("the instance has no SeriesInstanceUID");
        var recorded = await queue.RecordInstanceAsync(
            new ReceivedInstance(stored.SopInstanceUid, stored.SopClassUid, study, series, storage.Relative(stored.Path), stored.Sha256, stored.Length, stored.Association.CallingAeTitle),
            cancellationToken).ConfigureAwait(false);
        counters?.Instance(recorded.Outcome, stored.Length);
        if (recorded.ReopenedStudy)
        {
            logger.LogInformation("study {Study}: a late instance reopened it; it will be processed again once complete", recorded.StudyId);
        }
    }
}
