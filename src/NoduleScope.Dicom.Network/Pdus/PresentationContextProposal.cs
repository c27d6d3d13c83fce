namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>A presentation context of an A-ASSOCIATE-RQ: an odd id, an abstract syntax and the transfer syntaxes offered.</summary>
internal sealed record PresentationContextProposal(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
