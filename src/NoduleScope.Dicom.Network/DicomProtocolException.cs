namespace NoduleScope.Dicom.Network;

/// <summary>The peer broke the upper layer or DIMSE protocol; the association is aborted with <see cref="Reason"/>.</summary>
public sealed class DicomProtocolException : DicomNetworkException
{
    public DicomProtocolException(string message, DicomAbortReason reason = DicomAbortReason.InvalidPduParameterValue) : base(message)
    {
        Reason = reason;
    }

    public DicomAbortReason Reason { get; }
}
