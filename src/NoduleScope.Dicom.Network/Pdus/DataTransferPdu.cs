namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>P-DATA-TF (PS3.8 §9.3.5): one or more presentation data values.</summary>
internal sealed record DataTransferPdu(IReadOnlyList<PresentationDataValue> Values) : Pdu
{
    public override PduType Type => PduType.DataTransfer;
}
