using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

public sealed class Jpeg2000CodecTests
{
    private readonly Jpeg2000Codec codec = new();

    [Theory]
    [InlineData("dicom-corpus/pydicom/test_files/MR_small_jp2klossless.dcm", "dicom-corpus/pydicom/test_files/MR_small.dcm")]
    [InlineData("dicom-corpus/pydicom-data/emri_small_jpeg_2k_lossless.dcm", "dicom-corpus/pydicom-data/emri_small.dcm")]
    [InlineData("dicom-corpus/pydicom-data/693_J2KR.dcm", "dicom-corpus/pydicom-data/693_UNCR.dcm")]
    [InlineData("dicom-corpus/pydicom-data/liver_j2k.dcm", "dicom-corpus/pydicom-data/liver.dcm")]
    [InlineData("dicom-corpus/pydicom-data/liver_nonbyte_aligned_j2k.dcm", "dicom-corpus/pydicom-data/liver_nonbyte_aligned.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/693_J2KI.dcm", "dicom-corpus/pydicom-data/693_UNCI.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/JPEG2000.dcm", "dicom-corpus/pydicom-data/JPEG2000_UNC.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_gdcm_KY.dcm", "dicom-corpus/pydicom-data/SC_rgb_gdcm2k_uncompressed.dcm")]
    public void FramesMatchTheirUncompressedTwins(string compressed, string reference)
    {
        RequireOpenJpeg();
        var image = CorpusImage.Open(compressed);
        var native = CorpusImage.Open(reference);
        Assert.Equal(native.FrameCount, image.FrameCount);
        for (int f = 0; f < image.FrameCount; f++)
        {
            PixelComparison.AssertIdentical(native.NativeFrame(f), image.Decode(codec, f), $"{compressed} frame {f}");
        }
    }

    [Fact]
    public void LossyHtj2kIsCloseToLosslessHtj2k()
    {
        RequireOpenJpeg();
        byte[] lossless = CorpusImage.Open("dicom-corpus/pydicom-data/HTJ2KLossless_08_RGB.dcm").Decode(codec);
        byte[] lossy = CorpusImage.Open("dicom-corpus/pydicom-data/HTJ2K_08_RGB.dcm").Decode(codec);

        Assert.False(lossless.AsSpan().SequenceEqual(lossy));
        double difference = PixelComparison.MeanAbsoluteDifference(lossless, lossy, 8, signed: false);
        Assert.True(difference <= 2, $"mean absolute difference {difference:F2}");
    }

    [Fact]
    public void UnsignedCodestreamOfASignedImageIsSignExtendedFromItsPrecision()
    {
        RequireOpenJpeg();
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/J2K_pixelrep_mismatch.dcm");
        Assert.True(image.Description.IsSigned);

        byte[] decoded = image.Decode(codec);

        var values = Enumerable.Range(0, decoded.Length / 2).Select(i => PixelComparison.Sample(decoded.AsSpan(2 * i), 16, signed: true)).ToList();
        Assert.Contains(values, v => v < 0);
        Assert.All(values, v => Assert.InRange(v, -(1 << (image.Description.BitsStored - 1)), (1 << (image.Description.BitsStored - 1)) - 1));
    }

    [Fact]
    public void RejectsAStreamThatDisagreesWithTheDescription()
    {
        RequireOpenJpeg();
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/MR_small_jp2klossless.dcm");
        var frame = image.RawFrame(0);
        var description = image.Description;

        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { Rows = description.Rows + 1 }));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { Columns = description.Columns * 2 }));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { SamplesPerPixel = 3 }));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { BitsAllocated = 8, BitsStored = 8, HighBit = 7 }));
    }

    [Fact]
    public void RejectsTruncatedAndForeignStreams()
    {
        RequireOpenJpeg();
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/MR_small_jp2klossless.dcm");
        var frame = image.RawFrame(0);

        Assert.Throws<DicomCodecException>(() => Decode(frame.Span[..(frame.Length / 2)], image.Description));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span[..40], image.Description));
        Assert.Throws<DicomCodecException>(() => Decode([0xFF, 0x4F, 0xFF, 0x51, 0x00, 0x02], image.Description));
        Assert.Throws<DicomCodecException>(() => Decode([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, 0x00], image.Description));
        Assert.Throws<DicomCodecException>(() => Decode([0xFF, 0xD8, 0xFF, 0xD9], image.Description));
    }

    private void Decode(ReadOnlySpan<byte> frame, PixelDescription description) =>
        codec.Decode(frame, description, new byte[description.FrameLengthBytes]);

    private void RequireOpenJpeg()
    {
        if (!codec.IsAvailable)
        {
            Assert.Skip(codec.UnavailableReason!);
        }
    }
}
