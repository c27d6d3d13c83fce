namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>A-RELEASE-RQ (PS3.8 §9.3.6).</summary>
internal sealed record ReleaseRequestPdu : Pdu
{
    public override PduType Type => PduType.ReleaseRequest;
}
