using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NoduleScope.Dicom.Tests;

public sealed class DicomFileReaderTests
{
    private const string ExplicitLE = "1.2.840.10008.1.2.1";

    private static DicomFile Read(byte[] bytes, DicomReadOptions? options = null) => DicomFile.Read(new MemoryStream(bytes), "test.dcm", options);

    [Fact]
    public void ReadsExplicitLittleEndianWithPreambleAndMeta()
    {
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d => d
            .Explicit(0x0008, 0x0060, "CS", DicomBytes.Ascii("CT"))
            .Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("Doe^John"))
            .Explicit(0x0028, 0x0010, "US", [0x00, 0x02]));
        var file = Read(bytes);
        Assert.True(file.HadPreamble);
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("CT", file.Dataset.GetString(DicomTags.Modality));
        Assert.Equal("Doe^John", file.Dataset.GetString(DicomTags.PatientName));
        Assert.True(file.Dataset.TryGetInt32(DicomTags.Rows, out int rows));
        Assert.Equal(512, rows);
        Assert.Equal("1.2.3.4", file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
    }

    [Fact]
    public void ReadsImplicitVRUsingTheDictionary()
    {
        byte[] bytes = DicomBytes.Part10("1.2.840.10008.1.2", d => d
            .Implicit(0x0018, 0x0050, DicomBytes.Ascii("1.25"))
            .Implicit(0x0028, 0x0011, [0x00, 0x02]));
        var file = Read(bytes);
        Assert.Equal(DicomVR.DS, file.Dataset.GetItem(DicomTags.SliceThickness)!.VR);
        Assert.Equal(DicomVR.US, file.Dataset.GetItem(DicomTags.Columns)!.VR);
        Assert.True(file.Dataset.TryGetDouble(DicomTags.SliceThickness, out double t));
        Assert.Equal(1.25, t);
    }

    [Fact]
    public void ReadsExplicitBigEndianAndSwapsBinaryValues()
    {
        byte[] bytes = DicomBytes.Part10("1.2.840.10008.1.2.2", d => d
            .Explicit(0x0028, 0x0010, "US", [0x02, 0x00])
            .Explicit(0x0028, 0x1052, "DS", DicomBytes.Ascii("-1024"))
            .Explicit(0x7FE0, 0x0010, "OW", [0x12, 0x34, 0xAB, 0xCD]), bigEndianBody: true);
        var file = Read(bytes);
        Assert.True(file.Dataset.TryGetInt32(DicomTags.Rows, out int rows));
        Assert.Equal(512, rows);
        Assert.Equal(new byte[] { 0x34, 0x12, 0xCD, 0xAB }, file.Dataset.GetElement(DicomTags.PixelData)!.Data.ToArray());
    }

    [Fact]
    public void ReadsDeflatedExplicitLittleEndian()
    {
        var body = new DicomBytes().Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("Deflated^Dataset")).ToArray();
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(body);
        }

        byte[] bytes = DicomBytes.Part10("1.2.840.10008.1.2.1.99", d => d.Raw(compressed.ToArray()));
        var file = Read(bytes);
        Assert.Equal("Deflated^Dataset", file.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void ReadsNestedSequencesWithDefinedAndUndefinedLengthsAndKeepsPrivateTags()
    {
        var inner = new DicomBytes().Explicit(0x0008, 0x0100, "SH", DicomBytes.Ascii("T-28000")).ToArray();
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d => d
            .BeginSequence(0x0008, 0x1140)
                .BeginItem()
                    .Explicit(0x0008, 0x1150, "UI", DicomBytes.Ascii("1.2.3"))
                    .Explicit(0x0040, 0xA043, "SQ", new DicomBytes().BeginItem((uint)inner.Length).Raw(inner).ToArray())
                .EndItem()
                .BeginItem(0).EndSequence()
            .Explicit(0x0009, 0x0010, "LO", DicomBytes.Ascii("ACME 1.0"))
            .Explicit(0x0009, 0x1001, "UN", [1, 2, 3, 4]));
        var file = Read(bytes);
        var seq = file.Dataset.GetSequence(DicomTags.ReferencedImageSequence)!;
        Assert.Equal(2, seq.Items.Count);
        Assert.Equal("1.2.3", seq.Items[0].GetString(DicomTags.ReferencedSOPClassUID));
        Assert.Equal("T-28000", seq.Items[0].GetSequence(DicomTags.ConceptNameCodeSequence)!.Items[0].GetString(DicomTags.CodeValue));
        Assert.Empty(seq.Items[1]);
        Assert.Equal("ACME 1.0", file.Dataset.GetString(new DicomTag(0x0009, 0x0010)));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, file.Dataset.GetElement(new DicomTag(0x0009, 0x1001))!.Data.ToArray());
    }

    [Fact]
    public void ReadsBareDatasetsWithoutPreambleOrMeta()
    {
        byte[] implicitBare = new DicomBytes()
            .Implicit(0x0008, 0x0016, DicomBytes.Ascii("1.2.840.10008.5.1.4.1.1.2"))
            .Implicit(0x0010, 0x0020, DicomBytes.Ascii("ID1")).ToArray();
        var file = Read(implicitBare);
        Assert.False(file.HadPreamble);
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("ID1", file.Dataset.GetString(DicomTags.PatientID));

        byte[] explicitBare = new DicomBytes().Explicit(0x0010, 0x0020, "LO", DicomBytes.Ascii("ID2")).ToArray();
        Assert.Equal("ID2", Read(explicitBare).Dataset.GetString(DicomTags.PatientID));
    }

    [Theory]
    [InlineData(20u, true)]
    [InlineData(12u, false)]
    public void ReadsEncapsulatedPixelDataWithOffsetTableAndFragments(uint secondFrameOffset, bool valid)
    {
        byte[] bytes = DicomBytes.Part10("1.2.840.10008.1.2.5", d => d
            .Explicit(0x0028, 0x0008, "IS", DicomBytes.Ascii("2"))
            .Explicit(0x0028, 0x0010, "US", [2, 0])
            .Explicit(0x0028, 0x0011, "US", [2, 0])
            .Explicit(0x0028, 0x0100, "US", [8, 0])
            .Explicit(0x0028, 0x0101, "US", [8, 0])
            .Explicit(0x0028, 0x0102, "US", [7, 0])
            .Explicit(0x7FE0, 0x0010, "OB", [], 0xFFFFFFFF)
                .BeginItem(8).U32(0).U32(secondFrameOffset)
                .BeginItem(2).Raw([0xAA, 0xBB])
                .BeginItem(2).Raw([0xCC, 0xDD])
                .BeginItem(4).Raw([1, 2, 3, 4])
            .EndSequence());
        var file = Read(bytes);
        if (!valid)
        {
            Assert.Throws<DicomFormatException>(() => DicomPixelData.Create(file.Dataset, file.TransferSyntax));
            return;
        }

        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        Assert.Equal(2, pixels.FrameCount);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC, 0xDD }, pixels.GetRawFrame(0).ToArray());
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, pixels.GetRawFrame(1).ToArray());
    }

    [Fact]
    public void ExtendedOffsetTableSplitsFramesWhenTheBasicTableIsEmpty()
    {
        byte[] offsets = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(offsets.AsSpan(8), 20);
        byte[] bytes = DicomBytes.Part10("1.2.840.10008.1.2.5", d => d
            .Explicit(0x0028, 0x0008, "IS", DicomBytes.Ascii("2"))
            .Explicit(0x0028, 0x0010, "US", [2, 0])
            .Explicit(0x0028, 0x0011, "US", [2, 0])
            .Explicit(0x0028, 0x0100, "US", [8, 0])
            .Explicit(0x0028, 0x0101, "US", [8, 0])
            .Explicit(0x0028, 0x0102, "US", [7, 0])
            .Explicit(0x7FE0, 0x0001, "OV", offsets)
            .Explicit(0x7FE0, 0x0010, "OB", [], 0xFFFFFFFF)
                .BeginItem(0)
                .BeginItem(2).Raw([0xAA, 0xBB])
                .BeginItem(2).Raw([0xCC, 0xDD])
                .BeginItem(4).Raw([1, 2, 3, 4])
            .EndSequence());
        var file = Read(bytes);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC, 0xDD }, pixels.GetRawFrame(0).ToArray());
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, pixels.GetRawFrame(1).ToArray());
    }

    [Fact]
    public void HeaderOnlyReadDoesNotLoadPixelData()
    {
        byte[] pixelBytes = new byte[4096];
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d => d
            .Explicit(0x0010, 0x0020, "LO", DicomBytes.Ascii("ID"))
            .Explicit(0x7FE0, 0x0010, "OW", pixelBytes)
            .Explicit(0x7FE1, 0x0010, "LO", DicomBytes.Ascii("AFTER")));
        var header = Read(bytes, DicomReadOptions.Default with { ReadPixelData = false });
        var pixel = header.Dataset.GetElement(DicomTags.PixelData)!;
        Assert.False(pixel.IsLoaded);
        Assert.Equal(4096, pixel.Length);
        Assert.Equal(bytes.Length - 4096 - 14, pixel.StreamOffset);
        Assert.Equal("AFTER", header.Dataset.GetString(new DicomTag(0x7FE1, 0x0010)));

        var stopped = Read(bytes, DicomReadOptions.Default with { StopAtPixelData = true });
        Assert.False(stopped.Dataset.Contains(new DicomTag(0x7FE1, 0x0010)));
    }

    [Fact]
    public void ToleratesAnImplicitElementInsideAnExplicitStream()
    {
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d => d
            .Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("A^B"))
            .Implicit(0x0010, 0x0020, DicomBytes.Ascii("ID9")));
        var file = Read(bytes);
        Assert.Equal("ID9", file.Dataset.GetString(DicomTags.PatientID));
        Assert.NotEmpty(file.Warnings);
    }

    [Fact]
    public void RejectsNonDicomWithATypedErrorNamingTheFile()
    {
        var e = Assert.Throws<DicomFormatException>(() => Read(Encoding.ASCII.GetBytes("This is a plain text file, certainly not DICOM.")));
        Assert.Equal("test.dcm", e.FilePath);
        Assert.Contains("not a DICOM file", e.Message);
    }

    [Fact]
    public void GetDoublesParsesMultiValuedDecimalStrings()
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.ImagePositionPatient, DicomVR.DS, "-125.5\\-130\\ 1.25E2 ");
        Assert.Equal(new[] { -125.5, -130, 125 }, ds.GetDoubles(DicomTags.ImagePositionPatient));
        Assert.Equal("-125.5\\-130\\ 1.25E2", ds.GetString(DicomTags.ImagePositionPatient));
        Assert.Equal(3, ds.GetStrings(DicomTags.ImagePositionPatient).Length);
        _ = BinaryPrimitives.ReadInt16LittleEndian([0, 0]);
    }
}
