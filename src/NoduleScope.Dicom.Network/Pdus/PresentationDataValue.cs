namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>
/// One PDV item of a P-DATA-TF PDU: a fragment of a command set or data set. When parsed from the network, <see cref="Data"/>
/// is a slice of the connection's receive buffer, valid only until the next PDU is read.
/// </summary>
internal readonly record struct PresentationDataValue(byte PresentationContextId, bool IsCommand, bool IsLastFragment, ReadOnlyMemory<byte> Data);
