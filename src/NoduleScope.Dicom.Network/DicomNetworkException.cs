namespace NoduleScope.Dicom.Network;

/// <summary>Base of every error raised by the DICOM network layer (connection, protocol, negotiation, timeouts).</summary>
public class DicomNetworkException : DicomException
{
    public DicomNetworkException(string message) : base(message)
    {
    }

    public DicomNetworkException(string message, Exception? inner) : base(message, inner)
    {
    }
}
