namespace NoduleScope.Dicom.Network;

/// <summary>A file to send: what to announce for it and where its data set bytes start.</summary>
internal sealed record StoreFile(string Path, string SopClassUid, string SopInstanceUid, string TransferSyntaxUid, long DataSetOffset)
{
    /// <summary>Reads the file meta information (or, for a bare data set, the data set header) of <paramref name="path"/>.</summary>
    public static StoreFile Read(string path)
    {
        Part10Header? header;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
        {
            header = Part10Header.TryRead(stream, path);
        }

        if (header is { SopClassUid: not null, SopInstanceUid: not null })
        {
            return new StoreFile(path, header.SopClassUid, header.SopInstanceUid, header.TransferSyntaxUid, header.DataSetOffset);
        }

        // No file meta, or one without the SOP UIDs: parse the data set (bounded, without pixel data) for them.
        var file = DicomFile.Open(path, DicomReadOptions.Default with { StopAtPixelData = true });
        string sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? throw new DicomFormatException("no SOP Class UID", path);
        string sopInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? throw new DicomFormatException("no SOP Instance UID", path);
        return header is not null
            ? new StoreFile(path, sopClass, sopInstance, header.TransferSyntaxUid, header.DataSetOffset)
            : new StoreFile(path, sopClass, sopInstance, file.TransferSyntax.Uid, 0);
    }
}
