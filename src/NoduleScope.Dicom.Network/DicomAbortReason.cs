namespace NoduleScope.Dicom.Network;

/// <summary>Reason field of an A-ABORT sent by the service provider (PS3.8 Table 9-26).</summary>
public enum DicomAbortReason : byte
{
    NotSpecified = 0,
    UnrecognizedPdu = 1,
    UnexpectedPdu = 2,
    UnrecognizedPduParameter = 4,
    UnexpectedPduParameter = 5,
    InvalidPduParameterValue = 6,
}
