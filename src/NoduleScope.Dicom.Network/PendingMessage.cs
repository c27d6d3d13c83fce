using NoduleScope.Dicom.Network.Dimse;

namespace NoduleScope.Dicom.Network;

/// <summary>A request whose command set arrived and whose data set is being received into a transaction.</summary>
internal sealed class PendingMessage(DicomCommand command, AcceptedPresentationContext context, IStoreTransaction transaction)
{
    public DicomCommand Command { get; } = command;

    public AcceptedPresentationContext Context { get; } = context;

    public IStoreTransaction Transaction { get; set; } = transaction;

    public long Bytes { get; set; }
}
