using System.IO.Compression;
using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

public sealed class DeflatedImageFrameCodecTests
{
    private readonly DeflatedImageFrameCodec codec = new();

    [Fact]
    public void RoundTripsAFrame()
    {
        var description = RleLosslessCodecTests.Describe(64, 48, 1, 16, 16, 1);
        byte[] native = new byte[description.FrameLengthBytes];
        new Random(3).NextBytes(native.AsSpan(0, native.Length / 2));
        byte[] decoded = new byte[native.Length];

        codec.Decode(Deflate(native), description, decoded);

        PixelComparison.AssertIdentical(native, decoded, "deflate round trip");
    }

    [Fact]
    public void CapsADeflateBombAtTheFrameLength()
    {
        var description = RleLosslessCodecTests.Describe(256, 256, 1, 16, 16, 0);
        byte[] bomb = Deflate(new byte[64 << 20]);
        Assert.True(bomb.Length < 1 << 20, "64 MiB of zeros deflates to well under a megabyte");
        byte[] decoded = new byte[description.FrameLengthBytes];
        decoded.AsSpan().Fill(0xAB);

        long before = GC.GetAllocatedBytesForCurrentThread();
        codec.Decode(bomb, description, decoded);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(decoded.AsSpan().IndexOfAnyExcept((byte)0) < 0);
        Assert.True(allocated < 1 << 20, $"inflating allocated {allocated} bytes");
    }

    [Fact]
    public void RejectsAStreamThatEndsBeforeTheFrame()
    {
        var description = RleLosslessCodecTests.Describe(16, 16, 1, 8, 8, 0);
        byte[] deflated = Deflate(new byte[100]);

        Assert.Throws<DicomCodecException>(() => codec.Decode(deflated, description, new byte[256]));
    }

    [Fact]
    public void RejectsCorruptData()
    {
        var description = RleLosslessCodecTests.Describe(16, 16, 1, 8, 8, 0);
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x12, 0x34];

        Assert.Throws<DicomCodecException>(() => codec.Decode(garbage, description, new byte[256]));
    }

    [Theory]
    [InlineData("dicom-corpus/pydicom-data/liver_deflate.dcm", "dicom-corpus/pydicom-data/liver.dcm")]
    [InlineData("dicom-corpus/pydicom-data/liver_nonbyte_aligned_deflate.dcm", "dicom-corpus/pydicom-data/liver_nonbyte_aligned.dcm")]
    public void DecodesCorpusFilesToTheirUncompressedTwins(string compressed, string reference)
    {
        var image = CorpusImage.Open(compressed);
        var native = CorpusImage.Open(reference);
        Assert.Equal(native.FrameCount, image.FrameCount);
        for (int f = 0; f < image.FrameCount; f++)
        {
            PixelComparison.AssertIdentical(native.NativeFrame(f), image.Decode(codec, f), $"{compressed} frame {f}");
        }
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }
}
