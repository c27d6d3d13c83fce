namespace NoduleScope.Dicom;

/// <summary>A compressed frame could not be decoded (corrupt stream or a description it contradicts).</summary>
public sealed class DicomCodecException : DicomException
{
    public DicomCodecException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
