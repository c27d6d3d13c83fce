namespace NoduleScope.Dicom;

/// <summary>Base of every error raised for DICOM input the library cannot accept.</summary>
public class DicomException : Exception
{
    public DicomException(string message) : base(message)
    {
    }

    public DicomException(string message, Exception? inner) : base(message, inner)
    {
    }
}
