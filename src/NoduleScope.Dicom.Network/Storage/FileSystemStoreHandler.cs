namespace NoduleScope.Dicom.Network.Storage;

/// <summary>
/// Stores each received instance as a Part 10 file (our file meta information, then the data set bytes exactly as
/// received): written to a temporary file, fsynced, checked, renamed to a name made from its SHA-256 (never from DICOM
/// values, hardening rule 7), the directory fsynced, then handed to the recorder; only then is success answered.
/// Receiving the same instance twice yields the same file.
/// </summary>
public sealed class FileSystemStoreHandler : IStoreHandler
{
    private readonly Func<StoredInstance, CancellationToken, ValueTask>? recorder;

    /// <param name="recorder">
    /// Called after the file is durable and before the C-STORE is answered (the service records the instance here); if
    /// it throws, the peer gets a failure status and will send the instance again.
    /// </param>
    public FileSystemStoreHandler(FileSystemStoreOptions options, Func<StoredInstance, CancellationToken, ValueTask>? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        this.recorder = recorder;
        RootDirectory = Path.GetFullPath(options.RootDirectory);
        IncomingDirectory = Path.Combine(RootDirectory, "incoming");
        InstancesDirectory = Path.Combine(RootDirectory, "instances");
        Directory.CreateDirectory(IncomingDirectory);
        Directory.CreateDirectory(InstancesDirectory);
    }

    public FileSystemStoreOptions Options { get; }

    public string RootDirectory { get; }

    /// <summary>Temporary files of instances being received; one left here after a crash was never acknowledged.</summary>
    public string IncomingDirectory { get; }

    public string InstancesDirectory { get; }

    public ValueTask<DicomAssociationRejection?> ReviewAssociationAsync(DicomAssociationInfo association, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DiskSpace.Available(RootDirectory) < Options.MinimumFreeBytes ? DicomAssociationRejection.TemporaryCongestion : null);

    public ValueTask<IStoreTransaction> BeginStoreAsync(DicomStoreRequest request, CancellationToken cancellationToken)
    {
        if (DiskSpace.Available(RootDirectory) < Options.MinimumFreeBytes)
        {
            return ValueTask.FromResult<IStoreTransaction>(new RejectedStoreTransaction(DicomStatus.OutOfResources.WithComment("disk nearly full")));
        }

        return ValueTask.FromResult<IStoreTransaction>(new FileSystemStoreTransaction(this, request));
    }

    internal ValueTask RecordAsync(StoredInstance instance, CancellationToken cancellationToken) =>
        recorder is null ? ValueTask.CompletedTask : recorder(instance, cancellationToken);

    /// <summary>The final path of a file with this hash, checked to lie inside the root (rule 7).</summary>
    internal string FinalPath(string sha256Hex)
    {
        string path = Path.GetFullPath(Path.Combine(InstancesDirectory, sha256Hex[..2], sha256Hex + ".dcm"));
        if (!path.StartsWith(RootDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("storage path escapes the root");
        }

        return path;
    }
}
