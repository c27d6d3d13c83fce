namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>A-ABORT (PS3.8 §9.3.8). The reason is only meaningful when the source is the service provider.</summary>
internal sealed record AbortPdu(DicomAbortSource Source, DicomAbortReason Reason) : Pdu
{
    public override PduType Type => PduType.Abort;
}
