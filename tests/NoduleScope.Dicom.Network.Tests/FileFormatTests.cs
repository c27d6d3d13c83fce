using NoduleScope.Dicom.Network.Storage;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>The Part 10 header we write and read, and the directory fsync under it.</summary>
public sealed class FileFormatTests
{
    [Fact]
    public void HeaderWeWriteIsReadBackByOurReaderAndOurParser()
    {
        byte[] header = Part10Header.Build("1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", DicomTransferSyntax.ImplicitVRLittleEndian.Uid, "CT01");
        // A minimal implicit VR data set: (0008,0018) UI "1.2.3.4".
        byte[] dataSet = [0x08, 0x00, 0x18, 0x00, 8, 0, 0, 0, .. "1.2.3.4"u8, 0];
        byte[] file = [.. header, .. dataSet];

        var parsed = DicomFile.Read(new MemoryStream(file));
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, parsed.TransferSyntax);
        Assert.Equal("1.2.3.4", parsed.Dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal("CT01", parsed.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle));
        Assert.Equal(DicomUid.ImplementationClassUid, parsed.FileMetaInformation.GetString(DicomTags.ImplementationClassUID));
        Assert.Empty(parsed.Warnings);

        var ours = Part10Header.TryRead(new MemoryStream(file), "x.dcm")!;
        Assert.Equal(header.Length, ours.DataSetOffset);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.2", ours.SopClassUid);
        Assert.Equal("1.2.3.4", ours.SopInstanceUid);
    }

    [Fact]
    public void HeaderParserRefusesWhatItCannotTrust()
    {
        Assert.Null(Part10Header.TryRead(new MemoryStream(new byte[200]), "bare.dcm"));

        byte[] header = Part10Header.Build("1.2", "1.2.3", "1.2.840.10008.1.2.1", null);
        // The group length element declares a 65535-byte value, far past the end of the data.
        byte[] lying = (byte[])header.Clone();
        lying[132 + 6] = 0xFF;
        lying[132 + 7] = 0xFF;
        var e = Assert.Throws<DicomFormatException>(() => Part10Header.TryRead(new MemoryStream(lying), "lying.dcm"));
        Assert.Equal("lying.dcm", e.FilePath);

        // Without (0002,0010) there is no telling how to send the data set.
        byte[] noSyntax = Part10Header.Build("1.2", "1.2.3", "1.2.840.10008.1.2.1", null);
        int at = noSyntax.AsSpan().IndexOf(new byte[] { 0x02, 0x00, 0x10, 0x00, (byte)'U', (byte)'I' });
        noSyntax[at + 2] = 0x11;
        Assert.Contains("no transfer syntax", Assert.Throws<DicomFormatException>(() => Part10Header.TryRead(new MemoryStream(noSyntax), "n.dcm")).Message);
    }

    [Fact]
    public void DirectorySyncWorksOnAFolderAndFailsOnAMissingOne()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "directory fsync is only issued on Linux");
        using var folder = new TempDirectory();
        DirectorySync.Flush(folder.Path);
        Assert.Throws<IOException>(() => DirectorySync.Flush(Path.Combine(folder.Path, "missing")));
    }

    [Fact]
    public async Task TransactionDisposedWithoutCommitLeavesNothing()
    {
        using var folder = new TempDirectory();
        var store = new FileSystemStoreHandler(new FileSystemStoreOptions { RootDirectory = folder.Path, MinimumFreeBytes = 0 });
        var association = new DicomAssociationInfo(1, "A", "B", new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1), null, null, null);
        var request = new DicomStoreRequest(association, "1.2.840.10008.5.1.4.1.1.2", "1.2.3", DicomTransferSyntax.ExplicitVRLittleEndian, 1, 0);
        await using (var transaction = await store.BeginStoreAsync(request, default))
        {
            await transaction.WriteAsync(new byte[] { 1, 2, 3, 4 }, default);
            Assert.Single(Directory.EnumerateFiles(store.IncomingDirectory));
        }

        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }
}
