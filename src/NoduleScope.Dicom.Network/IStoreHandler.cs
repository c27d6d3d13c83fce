namespace NoduleScope.Dicom.Network;

/// <summary>
/// What a <see cref="DicomServer"/> does with what it receives. The server answers a C-STORE with the status of
/// <see cref="IStoreTransaction.CommitAsync"/>, so an implementation returns success only once the instance is durable
/// (written, fsynced and recorded; hardening rule 10).
/// </summary>
public interface IStoreHandler
{
    /// <summary>
    /// Called for each association request that passed the allow-list and limits, before it is accepted. Returning a
    /// rejection refuses it (disk nearly full, service draining); null accepts it.
    /// </summary>
    ValueTask<DicomAssociationRejection?> ReviewAssociationAsync(DicomAssociationInfo association, CancellationToken cancellationToken);

    /// <summary>
    /// Called when a C-STORE request arrives, before its data set. The data set bytes go to the returned transaction as
    /// they arrive; disposing it without a commit discards them. Return <see cref="RejectedStoreTransaction"/> to refuse
    /// the instance with a status.
    /// </summary>
    ValueTask<IStoreTransaction> BeginStoreAsync(DicomStoreRequest request, CancellationToken cancellationToken);
}
