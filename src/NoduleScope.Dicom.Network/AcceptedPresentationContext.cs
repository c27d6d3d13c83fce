namespace NoduleScope.Dicom.Network;

/// <summary>A presentation context both sides agreed on.</summary>
internal sealed record AcceptedPresentationContext(byte Id, string AbstractSyntax, DicomTransferSyntax TransferSyntax);
