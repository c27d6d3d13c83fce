namespace NoduleScope.Dicom.Network;

/// <summary>A configured network timeout (<see cref="DicomNetworkLimits"/>) ran out.</summary>
public sealed class DicomNetworkTimeoutException : DicomNetworkException
{
    public DicomNetworkTimeoutException(string message) : base(message)
    {
    }
}
