namespace NoduleScope.Dicom.Network;

/// <summary>A transaction that discards the data set and answers with a fixed failure status.</summary>
public sealed class RejectedStoreTransaction : IStoreTransaction
{
    private readonly DicomStatus status;

    public RejectedStoreTransaction(DicomStatus status)
    {
        this.status = status;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<DicomStatus> CommitAsync(CancellationToken cancellationToken) => ValueTask.FromResult(status);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
