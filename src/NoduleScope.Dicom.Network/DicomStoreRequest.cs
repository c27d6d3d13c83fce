namespace NoduleScope.Dicom.Network;

/// <summary>
/// A C-STORE request as announced by its command set; the data set follows in <see cref="TransferSyntax"/>. The UIDs
/// come from the peer (untrusted: never a path).
/// </summary>
public sealed record DicomStoreRequest(
    DicomAssociationInfo Association,
    string SopClassUid,
    string SopInstanceUid,
    DicomTransferSyntax TransferSyntax,
    ushort MessageId,
    ushort Priority);
