namespace NoduleScope.Dicom.Network;

/// <summary>The peer ended the association with an A-ABORT.</summary>
public sealed class DicomAssociationAbortedException : DicomNetworkException
{
    public DicomAssociationAbortedException(DicomAbortSource source, DicomAbortReason reason)
        : base($"association aborted by the peer (source {source}, reason {reason})")
    {
        AbortSource = source;
        Reason = reason;
    }

    public DicomAbortSource AbortSource { get; }

    public DicomAbortReason Reason { get; }
}
