namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-RQ (PS3.8 §9.3.2).</summary>
internal sealed record AssociateRequestPdu(
    string CalledAeTitle,
    string CallingAeTitle,
    string ApplicationContextName,
    IReadOnlyList<PresentationContextProposal> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateRequest;

    /// <summary>Bit 0 set means protocol version 1, the only one defined.</summary>
    public ushort ProtocolVersion { get; init; } = 1;
}
