using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

public sealed class JpegLsCodecTests
{
    private readonly JpegLsCodec codec = new();

    [Theory]
    [InlineData("dicom-corpus/pydicom/test_files/MR_small_jpeg_ls_lossless.dcm", "dicom-corpus/pydicom/test_files/MR_small.dcm")]
    [InlineData("dicom-corpus/pydicom-data/emri_small_jpeg_ls_lossless.dcm", "dicom-corpus/pydicom-data/emri_small.dcm")]
    public void LosslessFramesMatchTheirUncompressedTwins(string compressed, string reference)
    {
        RequireCharLs();
        var image = CorpusImage.Open(compressed);
        var native = CorpusImage.Open(reference);
        Assert.Equal(native.FrameCount, image.FrameCount);
        for (int f = 0; f < image.FrameCount; f++)
        {
            PixelComparison.AssertIdentical(native.NativeFrame(f), image.Decode(codec, f), $"{compressed} frame {f}");
        }
    }

    [Fact]
    public void EveryInterleaveModeGivesTheSameInterleavedRgb()
    {
        RequireCharLs();
        byte[] none = CorpusImage.Open("dicom-corpus/pydicom-data/JLSL_RGB_ILV0.dcm").Decode(codec);
        byte[] line = CorpusImage.Open("dicom-corpus/pydicom-data/JLSL_RGB_ILV1.dcm").Decode(codec);
        byte[] sample = CorpusImage.Open("dicom-corpus/pydicom-data/JLSL_RGB_ILV2.dcm").Decode(codec);

        PixelComparison.AssertIdentical(sample, line, "line-interleaved");
        PixelComparison.AssertIdentical(sample, none, "plane-by-plane (interleave mode none)");
        Assert.Contains(Enumerable.Range(0, sample.Length / 3), p => sample[3 * p] != sample[(3 * p) + 1]);
    }

    [Fact]
    public void SignExtendsFifteenBitSignedSamples()
    {
        RequireCharLs();
        var image = CorpusImage.Open("dicom-corpus/pydicom-data/JLSL_16_15_1_1F.dcm");
        Assert.True(image.Description.IsSigned);

        byte[] decoded = image.Decode(codec);

        var values = Enumerable.Range(0, decoded.Length / 2).Select(i => PixelComparison.Sample(decoded.AsSpan(2 * i), 16, signed: true)).ToList();
        Assert.Contains(values, v => v < 0);
        Assert.All(values, v => Assert.InRange(v, -(1 << 14), (1 << 14) - 1));
    }

    [Fact]
    public void NearLosslessFramesDecode()
    {
        RequireCharLs();
        foreach (string path in new[] { "dicom-corpus/pydicom/test_files/JPEGLSNearLossless_08.dcm", "dicom-corpus/pydicom/test_files/JPEGLSNearLossless_16.dcm", "dicom-corpus/pydicom-data/JLSN_RGB_ILV0.dcm" })
        {
            var image = CorpusImage.Open(path);
            byte[] decoded = image.Decode(codec);
            Assert.True(decoded.AsSpan().IndexOfAnyExcept((byte)0) >= 0, $"{path} decoded to zeros");
        }
    }

    [Fact]
    public void RejectsAStreamThatDisagreesWithTheDescription()
    {
        RequireCharLs();
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/MR_small_jpeg_ls_lossless.dcm");
        var frame = image.RawFrame(0);
        var description = image.Description;

        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { Rows = description.Rows + 1 }));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { Columns = description.Columns - 1 }));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { SamplesPerPixel = 3 }));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span, description with { BitsAllocated = 8, BitsStored = 8, HighBit = 7 }));
    }

    [Fact]
    public void RejectsTruncatedAndForeignStreams()
    {
        RequireCharLs();
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/MR_small_jpeg_ls_lossless.dcm");
        var frame = image.RawFrame(0);

        Assert.Throws<DicomCodecException>(() => Decode(frame.Span[..(frame.Length / 2)], image.Description));
        Assert.Throws<DicomCodecException>(() => Decode(frame.Span[..20], image.Description));
        Assert.Throws<DicomCodecException>(() => Decode([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x02], image.Description));
        Assert.Throws<DicomCodecException>(() => Decode([], image.Description));
    }

    [Fact]
    public void RejectsATruncatedFrameWithoutCallingCharLs()
    {
        RequireCharLs();
        var image = CorpusImage.Open("dicom-corpus/nema-wg04/JLSL/CT1_JLSL");
        var frame = image.RawFrame(0);

        var error = Assert.Throws<DicomCodecException>(() => Decode(frame.Span[..601], image.Description));

        Assert.Contains("EOI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsAFrameWithTrailingPadding()
    {
        RequireCharLs();
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/MR_small_jpeg_ls_lossless.dcm");
        byte[] padded = [.. image.RawFrame(0).Span, 0, 0, 0];
        byte[] expected = image.Decode(codec);
        byte[] decoded = new byte[expected.Length];

        codec.Decode(padded, image.Description, decoded);

        PixelComparison.AssertIdentical(expected, decoded, "padded frame");
    }

    private void Decode(ReadOnlySpan<byte> frame, PixelDescription description) =>
        codec.Decode(frame, description, new byte[description.FrameLengthBytes]);

    private void RequireCharLs()
    {
        if (!codec.IsAvailable)
        {
            Assert.Skip(codec.UnavailableReason!);
        }
    }
}
