namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-RJ (PS3.8 §9.3.4).</summary>
internal sealed record AssociateRejectPdu(DicomRejectResult Result, DicomRejectSource Source, byte Reason) : Pdu
{
    public override PduType Type => PduType.AssociateReject;
}
