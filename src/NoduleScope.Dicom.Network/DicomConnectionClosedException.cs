namespace NoduleScope.Dicom.Network;

/// <summary>The peer closed the connection (cleanly between PDUs, or in the middle of one).</summary>
public sealed class DicomConnectionClosedException : DicomNetworkException
{
    public DicomConnectionClosedException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
