using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>
/// A few stored bytes must not make the reader allocate a frame of any declared size: for RLE, deflate and lossless
/// JPEG the format bounds the expansion, and a frame its stored bytes cannot hold is refused before allocation.
/// </summary>
public sealed class CompressedFrameLimitsTests
{
    [Fact]
    public void ATinyRleFrameDeclaring16384SquarePixelsIsRefusedBeforeAllocation()
    {
        var pixels = DicomPixelData.Create(Frame(16384, 16384, new byte[426]), DicomTransferSyntax.RleLossless, "tiny-rle.dcm");
        Assert.Equal(512L << 20, pixels.Description.FrameLengthBytes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DicomFormatException>(() => pixels.DecodeFrame(0, DicomCodecs.Default));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("tiny-rle.dcm", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 64 bytes each", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"refusing the frame allocated {allocated} bytes");
    }

    [Fact]
    public void BlankFramesAtTheFormatsBestRatioStillDecode()
    {
        const int Size = 512;
        byte[] blank = new byte[Size * Size * 2];

        byte[] rle = RleTestEncoder.Encode(blank, 1, 16);
        var rlePixels = DicomPixelData.Create(Frame(Size, Size, rle), DicomTransferSyntax.RleLossless);
        Assert.Equal(blank, rlePixels.DecodeFrame(0, DicomCodecs.Default));

        using var compressed = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(blank);
        }

        var deflated = DicomPixelData.Create(Frame(Size, Size, compressed.ToArray()), DicomTransferSyntax.DeflatedImageFrameCompression);
        Assert.Equal(blank, deflated.DecodeFrame(0, DicomCodecs.Default));
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.5", 64.0)]
    [InlineData("1.2.840.10008.1.2.8.1", 1032.0)]
    [InlineData("1.2.840.10008.1.2.4.70", 16.0)]
    [InlineData("1.2.840.10008.1.2.4.57", 16.0)]
    public void BoundedFormatsHaveTheirRatio(string uid, double ratio)
    {
        Assert.Equal(ratio, CompressedFrameLimits.MaxExpansionRatio(DicomTransferSyntax.Lookup(uid)));
    }

    [Theory]
    [InlineData("1.2.840.10008.1.2.4.50")]
    [InlineData("1.2.840.10008.1.2.4.80")]
    [InlineData("1.2.840.10008.1.2.4.90")]
    public void FormatsThatCompressBlankFramesWithoutBoundAreNotLimited(string uid)
    {
        Assert.Null(CompressedFrameLimits.MaxExpansionRatio(DicomTransferSyntax.Lookup(uid)));
        Assert.True(CompressedFrameLimits.CanHold(DicomTransferSyntax.Lookup(uid), 10, long.MaxValue / 2));
    }

    private static DicomDataset Frame(int rows, int columns, byte[] fragment) => new DicomDataset()
        .AddUInt16(DicomTags.Rows, (ushort)rows)
        .AddUInt16(DicomTags.Columns, (ushort)columns)
        .AddUInt16(DicomTags.BitsAllocated, 16)
        .AddUInt16(DicomTags.BitsStored, 16)
        .AddUInt16(DicomTags.HighBit, 15)
        .AddUInt16(DicomTags.SamplesPerPixel, 1)
        .AddUInt16(DicomTags.PixelRepresentation, 1)
        .AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2")
        .Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [fragment]));
}
