using System.Buffers.Binary;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>Sample-wise comparisons of decoded frames.</summary>
internal static class PixelComparison
{
    /// <summary>Asserts two frames are byte-identical, naming the first differing sample.</summary>
    public static void AssertIdentical(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        int mismatch = expected.CommonPrefixLength(actual);
        if (mismatch != expected.Length)
        {
            Assert.Fail($"{what}: first difference at byte {mismatch} of {expected.Length} (expected {expected[mismatch]}, got {actual[mismatch]})");
        }
    }

    /// <summary>The mean absolute difference of two frames of samples <paramref name="bitsAllocated"/> wide, signed or not.</summary>
    public static double MeanAbsoluteDifference(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int bitsAllocated, bool signed)
    {
        Assert.Equal(expected.Length, actual.Length);
        int bytes = bitsAllocated / 8;
        long count = expected.Length / bytes;
        double total = 0;
        for (int i = 0; i < expected.Length; i += bytes)
        {
            total += Math.Abs(Sample(expected[i..], bitsAllocated, signed) - Sample(actual[i..], bitsAllocated, signed));
        }

        return total / count;
    }

    /// <summary>The sample at the start of <paramref name="data"/>.</summary>
    public static long Sample(ReadOnlySpan<byte> data, int bitsAllocated, bool signed) => bitsAllocated switch
    {
        8 => signed ? (sbyte)data[0] : data[0],
        16 => signed ? BinaryPrimitives.ReadInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data),
        32 => signed ? BinaryPrimitives.ReadInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data),
        _ => throw new ArgumentOutOfRangeException(nameof(bitsAllocated)),
    };
}
