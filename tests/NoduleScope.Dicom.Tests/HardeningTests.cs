using System.IO.Compression;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Tests;

/// <summary>The parsing rules of docs/dicom-hardening.md (shared/docs): each bad input ends in a typed error naming the
/// file and byte offset, without crashing, hanging or allocating what the input claims.</summary>
public sealed class HardeningTests
{
    private const string ExplicitLE = "1.2.840.10008.1.2.1";

    private static DicomFile Read(byte[] bytes, DicomReadOptions? options = null) => DicomFile.Read(new MemoryStream(bytes), "hostile.dcm", options);

    [Fact]
    public void Rule1_NestingDepthIsCapped()
    {
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d =>
        {
            for (int i = 0; i < 70; i++)
            {
                d.BeginSequence(0x0040, 0xA730).BeginItem();
            }

            for (int i = 0; i < 70; i++)
            {
                d.EndItem().EndSequence();
            }
        });
        var e = Assert.Throws<DicomLimitExceededException>(() => Read(bytes));
        Assert.Contains("nested deeper than 64", e.Message);
        Assert.Equal("hostile.dcm", e.FilePath);
        Assert.True(e.Offset > 0);

        // The same file within a raised limit reads.
        Assert.NotNull(Read(bytes, DicomReadOptions.Default with { MaxNestingDepth = 100 }));
    }

    [Fact]
    public void Rule1_DeeplyNestedSequenceFromTheCorpusIsRejected()
    {
        string path = SharedData.Require("dicom-corpus/orthanc-tests/2026-05-06-Deeply-Nested-Sequence.dcm");
        var e = Assert.Throws<DicomLimitExceededException>(() => DicomFile.Open(path));
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Rule2_DeclaredLengthPastTheEndIsRejectedBeforeAllocation()
    {
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d => d.Explicit(0x7FE0, 0x0010, "OB", [1, 2, 3, 4], 0x30000000));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DicomFormatException>(() => Read(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
        Assert.Contains("only 4 remain", e.Message);
        Assert.True(e.Offset > 132);
    }

    [Fact]
    public void Rule2_ElementAndDatasetSizeLimitsApply()
    {
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d => d.Explicit(0x0009, 0x1001, "OB", new byte[1000]));
        Assert.Throws<DicomLimitExceededException>(() => Read(bytes, DicomReadOptions.Default with { MaxElementLength = 999 }));
        Assert.Throws<DicomLimitExceededException>(() => Read(bytes, DicomReadOptions.Default with { MaxDatasetBytes = 500 }));
        Assert.NotNull(Read(bytes));
    }

    [Fact]
    public void Rule2_GroupLengthsAreNotTrusted()
    {
        byte[] bytes = DicomBytes.Part10(ExplicitLE, d => d
            .Explicit(0x0010, 0x0000, "UL", BitConverter.GetBytes(0xFFFFFFF0u))
            .Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("Still^Read")));
        Assert.Equal("Still^Read", Read(bytes).Dataset.GetString(DicomTags.PatientName));
    }

    [Theory]
    [InlineData(46341, 46341)]
    [InlineData(65535, 65535)]
    public void Rule3_PixelSizeArithmeticIsCheckedAndLimited(int rows, int columns)
    {
        var ds = PixelDataset(rows, columns, bitsAllocated: 16, bitsStored: 16, highBit: 15);
        ds.AddString(DicomTags.NumberOfFrames, DicomVR.IS, "65535");
        Assert.Throws<DicomLimitExceededException>(() => PixelDescription.FromDataset(ds));
        Assert.Throws<DicomLimitExceededException>(() => PixelDescription.FromDataset(ds, DicomReadOptions.Default with { MaxPixelsPerFrame = long.MaxValue }));
    }

    [Theory]
    [InlineData("2026-05-26-oob-monochrome-46341.dcm")]
    [InlineData("2026-05-26-oob-monochrome-65535.dcm")]
    public void Rule3_OrthancOverflowFilesAreRejected(string name)
    {
        string path = SharedData.Require("dicom-corpus/orthanc-tests/" + name);
        var file = DicomFile.Open(path);
        var e = Assert.ThrowsAny<DicomFormatException>(() => DicomPixelData.Create(file.Dataset, file.TransferSyntax, path));
        Assert.Equal(path, e.FilePath);
    }

    [Theory]
    [InlineData(16, 17, 16, 0, "BitsStored")]
    [InlineData(16, 12, 20, 0, "HighBit")]
    [InlineData(12, 12, 11, 0, "BitsAllocated")]
    [InlineData(16, 16, 15, 2, "PixelRepresentation")]
    public void Rule4_PixelDescriptionIsValidated(int bitsAllocated, int bitsStored, int highBit, int pixelRepresentation, string named)
    {
        var ds = PixelDataset(4, 4, bitsAllocated, bitsStored, highBit, pixelRepresentation);
        var e = Assert.Throws<DicomFormatException>(() => PixelDescription.FromDataset(ds, null, "x.dcm"));
        Assert.Contains(named, e.Message);
        Assert.Equal("x.dcm", e.FilePath);
    }

    [Fact]
    public void Rule4_HighBitAboveBitsStoredIsAcceptedButFlagged()
    {
        var description = PixelDescription.FromDataset(PixelDataset(4, 4, 16, 12, 15));
        Assert.False(description.IsHighBitStandard);
        Assert.True(PixelDescription.FromDataset(PixelDataset(4, 4, 16, 12, 11)).IsHighBitStandard);
    }

    [Fact]
    public void Rule4_NativePixelDataShorterThanDescribedIsRejected()
    {
        var ds = PixelDataset(4, 4, 16, 12, 11);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OW, new byte[30]));
        var e = Assert.Throws<DicomFormatException>(() => DicomPixelData.Create(ds, DicomTransferSyntax.ExplicitVRLittleEndian));
        Assert.Contains("32 expected", e.Message);
    }

    [Fact]
    public void Rule6_DeflateBombIsCapped()
    {
        var bomb = new MemoryStream();
        using (var deflate = new DeflateStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            // A valid element whose value is 64 MB of zeros compresses to about 64 KB.
            var header = new DicomBytes().Explicit(0x0009, 0x1001, "OB", [], 64u << 20).ToArray();
            deflate.Write(header);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++)
            {
                deflate.Write(zeros);
            }
        }

        byte[] bytes = DicomBytes.Part10("1.2.840.10008.1.2.1.99", d => d.Raw(bomb.ToArray()));
        var e = Assert.Throws<DicomLimitExceededException>(() => Read(bytes));
        Assert.Contains("inflates past", e.Message);
        Assert.NotNull(Read(bytes, DicomReadOptions.Default with { MaxDecompressionRatio = 2000 }));
    }

    [Fact]
    public void TruncatedFilesEndInATypedErrorWithTheOffset()
    {
        byte[] good = DicomBytes.Part10(ExplicitLE, d => d
            .Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("Doe^Jane"))
            .BeginSequence(0x0008, 0x1140).BeginItem().Explicit(0x0008, 0x1150, "UI", DicomBytes.Ascii("1.2")).EndItem().EndSequence()
            .Explicit(0x7FE0, 0x0010, "OW", new byte[64]));
        for (int cut = 133; cut < good.Length; cut += 7)
        {
            try
            {
                Read(good[..cut]);
            }
            catch (DicomFormatException e)
            {
                Assert.Equal("hostile.dcm", e.FilePath);
            }
        }
    }

    private static DicomDataset PixelDataset(int rows, int columns, int bitsAllocated, int bitsStored, int highBit, int pixelRepresentation = 0)
    {
        var ds = new DicomDataset();
        ds.AddUInt16(DicomTags.Rows, (ushort)rows);
        ds.AddUInt16(DicomTags.Columns, (ushort)columns);
        ds.AddUInt16(DicomTags.BitsAllocated, (ushort)bitsAllocated);
        ds.AddUInt16(DicomTags.BitsStored, (ushort)bitsStored);
        ds.AddUInt16(DicomTags.HighBit, (ushort)highBit);
        ds.AddUInt16(DicomTags.PixelRepresentation, (ushort)pixelRepresentation);
        ds.AddUInt16(DicomTags.SamplesPerPixel, 1);
        return ds;
    }
}
