namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>A-ASSOCIATE-AC (PS3.8 §9.3.3). The AE title fields echo the request and are not tested on receipt.</summary>
internal sealed record AssociateAcceptPdu(
    string CalledAeTitle,
    string CallingAeTitle,
    string ApplicationContextName,
    IReadOnlyList<PresentationContextResult> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateAccept;

    public ushort ProtocolVersion { get; init; } = 1;
}
