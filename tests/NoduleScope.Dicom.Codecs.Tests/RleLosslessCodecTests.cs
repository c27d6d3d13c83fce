using System.Buffers.Binary;
using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

public sealed class RleLosslessCodecTests
{
    private readonly RleLosslessCodec codec = new();

    [Theory]
    [InlineData(1, 8, 8, 0)]
    [InlineData(1, 16, 16, 1)]
    [InlineData(1, 16, 12, 0)]
    [InlineData(1, 32, 32, 0)]
    [InlineData(3, 8, 8, 0)]
    [InlineData(3, 16, 16, 0)]
    public void RoundTripsGeneratedFrames(int samples, int bitsAllocated, int bitsStored, int pixelRepresentation)
    {
        var description = Describe(37, 53, samples, bitsAllocated, bitsStored, pixelRepresentation);
        byte[] native = MakeFrame(description, seed: bitsAllocated + samples);
        byte[] encoded = RleTestEncoder.Encode(native, samples, bitsAllocated);
        Assert.True(encoded.Length < native.Length + 64 + (native.Length / 64) + (16 * samples * (bitsAllocated / 8)));

        byte[] decoded = new byte[description.FrameLengthBytes];
        codec.Decode(encoded, description, decoded);

        PixelComparison.AssertIdentical(native, decoded, "RLE round trip");
    }

    [Fact]
    public void RoundTripsPackedSingleBitFrames()
    {
        var description = Describe(13, 11, 1, 1, 1, 0);
        byte[] native = new byte[description.FrameLengthBytes];
        new Random(7).NextBytes(native);
        native[^1] &= 0x1F;
        byte[] decoded = new byte[native.Length];

        codec.Decode(RleTestEncoder.Encode(native, 1, 1), description, decoded);

        PixelComparison.AssertIdentical(native, decoded, "1-bit RLE round trip");
    }

    [Fact]
    public void SignExtendsTwelveBitSignedSamples()
    {
        var description = Describe(1, 2, 1, 16, 12, 1);
        byte[] native = [0xFF, 0x0F, 0x01, 0x08];
        byte[] decoded = new byte[4];

        codec.Decode(RleTestEncoder.Encode(native, 1, 16), description, decoded);

        Assert.Equal(-1, BinaryPrimitives.ReadInt16LittleEndian(decoded));
        Assert.Equal(-2047, BinaryPrimitives.ReadInt16LittleEndian(decoded.AsSpan(2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(2)]
    public void RejectsSegmentCountsThatDoNotMatch(int segments)
    {
        var description = Describe(4, 4, 1, 8, 8, 0);
        byte[] frame = RleTestEncoder.Encode(new byte[16], 1, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)segments);

        Assert.Throws<DicomCodecException>(() => codec.Decode(frame, description, new byte[16]));
    }

    [Fact]
    public void RejectsDecreasingOffsets()
    {
        var description = Describe(4, 4, 1, 16, 16, 0);
        byte[] frame = RleTestEncoder.Encode(MakeFrame(description, 3), 1, 16);
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(4));
        uint second = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), second);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), first);

        Assert.Throws<DicomCodecException>(() => codec.Decode(frame, description, new byte[32]));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(63u)]
    [InlineData(100_000u)]
    [InlineData(uint.MaxValue)]
    public void RejectsOffsetsOutsideTheFragment(uint offset)
    {
        var description = Describe(4, 4, 1, 8, 8, 0);
        byte[] frame = RleTestEncoder.Encode(new byte[16], 1, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), offset);

        Assert.Throws<DicomCodecException>(() => codec.Decode(frame, description, new byte[16]));
    }

    [Fact]
    public void RejectsFramesShorterThanTheHeader()
    {
        var description = Describe(4, 4, 1, 8, 8, 0);
        Assert.Throws<DicomCodecException>(() => codec.Decode(new byte[40], description, new byte[16]));
    }

    [Fact]
    public void ShortSegmentLeavesZerosAndLongSegmentIsCut()
    {
        var description = Describe(1, 8, 1, 8, 8, 0);
        byte[] frame = new byte[64 + 4];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 64);
        frame[64] = unchecked((byte)-2);
        frame[65] = 9;
        frame[66] = 0x7F;
        frame[67] = 5;
        byte[] decoded = new byte[8];
        decoded.AsSpan().Fill(0xEE);

        codec.Decode(frame, description, decoded);
        Assert.Equal(new byte[] { 9, 9, 9, 5, 0, 0, 0, 0 }, decoded);

        byte[] longRun = new byte[66];
        BinaryPrimitives.WriteUInt32LittleEndian(longRun, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(longRun.AsSpan(4), 64);
        longRun[64] = unchecked((byte)-127);
        longRun[65] = 4;
        byte[] small = new byte[8];

        codec.Decode(longRun, description, small);
        Assert.Equal(new byte[] { 4, 4, 4, 4, 4, 4, 4, 4 }, small);
    }

    [Theory]
    [InlineData("dicom-corpus/pydicom/test_files/MR_small_RLE.dcm", "dicom-corpus/pydicom/test_files/MR_small.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_rle.dcm", "dicom-corpus/pydicom-data/SC_rgb.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_rle_2frame.dcm", "dicom-corpus/pydicom-data/SC_rgb_2frame.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_rle_16bit.dcm", "dicom-corpus/pydicom-data/SC_rgb_16bit.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_rle_32bit_2frame.dcm", "dicom-corpus/pydicom-data/SC_rgb_32bit_2frame.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/rtdose_rle.dcm", "dicom-corpus/pydicom/test_files/rtdose.dcm")]
    [InlineData("dicom-corpus/pydicom-data/emri_small_RLE.dcm", "dicom-corpus/pydicom-data/emri_small.dcm")]
    [InlineData("dicom-corpus/pydicom-data/OBXXXX1A_rle_2frame.dcm", "dicom-corpus/pydicom-data/OBXXXX1A_2frame.dcm")]
    [InlineData("dicom-corpus/pydicom-data/liver_rle.dcm", "dicom-corpus/pydicom-data/liver.dcm")]
    [InlineData("dicom-corpus/pydicom-data/liver_nonbyte_aligned_rle.dcm", "dicom-corpus/pydicom-data/liver_nonbyte_aligned.dcm")]
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

    internal static PixelDescription Describe(int rows, int columns, int samples, int bitsAllocated, int bitsStored, int pixelRepresentation) => new()
    {
        Rows = rows,
        Columns = columns,
        SamplesPerPixel = samples,
        BitsAllocated = bitsAllocated,
        BitsStored = bitsStored,
        HighBit = bitsStored - 1,
        PixelRepresentation = pixelRepresentation,
        PhotometricInterpretation = samples == 3 ? "RGB" : "MONOCHROME2",
    };

    /// <summary>A frame with runs, noise and (for signed descriptions) properly sign-extended values.</summary>
    private static byte[] MakeFrame(PixelDescription description, int seed)
    {
        var random = new Random(seed);
        int bytes = description.BitsAllocated / 8;
        int count = (int)(description.PixelsPerFrame * description.SamplesPerPixel);
        byte[] frame = new byte[count * bytes];
        long low = description.IsSigned ? -(1L << (description.BitsStored - 1)) : 0;
        long high = description.IsSigned ? (1L << (description.BitsStored - 1)) - 1 : (1L << description.BitsStored) - 1;
        long value = 0;
        for (int i = 0; i < count; i++)
        {
            if (random.Next(4) == 0)
            {
                value = low + (long)(random.NextDouble() * (high - low));
            }

            long sample = Math.Clamp(value, low, high);
            for (int b = 0; b < bytes; b++)
            {
                frame[(i * bytes) + b] = (byte)(sample >> (8 * b));
            }
        }

        return frame;
    }
}
