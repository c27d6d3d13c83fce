namespace NoduleScope.Dicom;

/// <summary>Valid DICOM that this build cannot handle (unknown transfer syntax, codec library missing, ...).</summary>
public sealed class DicomNotSupportedException : NotSupportedException
{
    public DicomNotSupportedException(string message) : base(message)
    {
    }
}
