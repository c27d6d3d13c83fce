namespace NoduleScope.Dicom;

/// <summary>The input breaks one of the configured <see cref="DicomReadOptions"/> limits.</summary>
public sealed class DicomLimitExceededException : DicomFormatException
{
    public DicomLimitExceededException(string reason, string? filePath = null, long offset = -1)
        : base(reason, filePath, offset)
    {
    }
}
