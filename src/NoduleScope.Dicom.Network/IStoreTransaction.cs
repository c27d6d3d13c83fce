namespace NoduleScope.Dicom.Network;

/// <summary>One instance being received: its data set bytes, then a commit that makes it durable.</summary>
public interface IStoreTransaction : IAsyncDisposable
{
    /// <summary>
    /// The next bytes of the data set, exactly as received in the negotiated transfer syntax. The memory is reused once
    /// the call returns, so it must be consumed (written or copied) before then.
    /// </summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken);

    /// <summary>Called after the last fragment: make the instance durable and return the status to answer with.</summary>
    ValueTask<DicomStatus> CommitAsync(CancellationToken cancellationToken);
}
