namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>One upper layer protocol data unit.</summary>
internal abstract record Pdu
{
    public abstract PduType Type { get; }
}
