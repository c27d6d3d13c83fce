namespace NoduleScope.Dicom;

/// <summary>The bytes are not valid DICOM (or break a configured limit); names the file and byte offset.</summary>
public class DicomFormatException : DicomException
{
    public DicomFormatException(string reason, string? filePath = null, long offset = -1, Exception? inner = null)
        : base(Compose(reason, filePath, offset), inner)
    {
        Reason = reason;
        FilePath = filePath;
        Offset = offset;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    public string? FilePath { get; }

    /// <summary>Byte offset in the (decompressed) stream where the problem was found, or -1.</summary>
    public long Offset { get; }

    /// <summary>A copy of this error that names <paramref name="path"/> (used when a lower layer did not know the file).</summary>
    public DicomFormatException WithFile(string path) =>
        FilePath is not null ? this : new DicomFormatException(Reason, path, Offset, InnerException);

    private static string Compose(string reason, string? filePath, long offset)
    {
        string where = filePath is null ? string.Empty : $"{filePath}: ";
        string at = offset >= 0 ? $" (at byte {offset})" : string.Empty;
        return where + reason + at;
    }
}
