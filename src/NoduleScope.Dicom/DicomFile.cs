namespace NoduleScope.Dicom;

/// <summary>A DICOM Part 10 file (or a bare dataset read as one): file meta information plus the dataset.</summary>
public sealed class DicomFile
{
    public DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, DicomTransferSyntax transferSyntax, string? filePath = null)
    {
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        FilePath = filePath;
    }

    public DicomDataset FileMetaInformation { get; }

    public DicomDataset Dataset { get; }

    /// <summary>The encoding the dataset was read in (from (0002,0010), or detected for bare datasets).</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    public string? FilePath { get; }

    /// <summary>True when the file had the 128-byte preamble and "DICM".</summary>
    public bool HadPreamble { get; init; }

    /// <summary>Things that were wrong but could be read past (named in `info` output).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Reads a file. Bad input ends in <see cref="DicomFormatException"/> naming the file and byte offset.</summary>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DicomFormatException("cannot open: " + e.Message, path, -1, e);
        }

        using (stream)
        {
            return Read(stream, path, options);
        }
    }

    /// <summary>Reads from a stream (copied to memory first when it cannot seek).</summary>
    public static DicomFile Read(Stream stream, string? path = null, DicomReadOptions? options = null) =>
        new DicomFileReader(options ?? DicomReadOptions.Default, path).Read(stream);

    /// <summary>Reads only the header: pixel data is located but not loaded.</summary>
    public static DicomFile OpenHeader(string path) => Open(path, DicomReadOptions.Default with { ReadPixelData = false });

    /// <summary>
    /// Cheap test on the first bytes of a file (at least 132 when available): the Part 10 preamble and "DICM", or a
    /// bare dataset start. Used to skip non-DICOM files in folder scans without reporting them as errors.
    /// </summary>
    public static bool LooksLikeDicom(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M')
        {
            return true;
        }

        if (head.Length >= 4 && head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M')
        {
            return true;
        }

        return DicomFileReader.StartsLikeDataset(head, fileLength);
    }

    /// <summary>SOP Instance UID, from the dataset or the file meta information.</summary>
    public string? SopInstanceUid => Dataset.GetString(DicomTags.SOPInstanceUID) ?? FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID);
}
