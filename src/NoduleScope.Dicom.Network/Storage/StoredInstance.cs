namespace NoduleScope.Dicom.Network.Storage;

/// <summary>
/// An instance written and fsynced by <see cref="FileSystemStoreHandler"/>, handed to its recorder before the C-STORE
/// is acknowledged. <see cref="Path"/> is derived from the content hash only; the UIDs and AE title come from the peer.
/// </summary>
public sealed record StoredInstance(
    string Path,
    string Sha256,
    long Length,
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    DicomAssociationInfo Association,
    DateTimeOffset ReceivedAt);
