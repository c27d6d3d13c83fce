namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>A presentation context of an A-ASSOCIATE-AC; the transfer syntax is meaningful only when accepted.</summary>
internal sealed record PresentationContextResult(byte Id, PresentationContextOutcome Outcome, string TransferSyntax);
