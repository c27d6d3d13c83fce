using System.Buffers.Binary;
using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>Turns one decoded grayscale frame into HU: stored bits extracted, sign applied, rescale slope/intercept, padding.</summary>
internal static class HounsfieldConverter
{
    public const short Air = -1024;

    public static void Convert(ReadOnlySpan<byte> frame, PixelDescription d, double slope, double intercept, int? paddingValue, bool paddingToAir, Span<short> destination)
    {
        int pixels = destination.Length;
        int shift = d.HighBit - d.BitsStored + 1;
        int bits = d.BitsStored;
        bool signed = d.IsSigned;
        long mask = bits >= 32 ? 0xFFFFFFFFL : (1L << bits) - 1;
        bool identity = slope == 1 && intercept == Math.Round(intercept);
        int integerIntercept = (int)intercept;
        for (int i = 0; i < pixels; i++)
        {
            long raw = d.BitsAllocated switch
            {
                8 => frame[i],
                16 => BinaryPrimitives.ReadUInt16LittleEndian(frame.Slice(i * 2, 2)),
                _ => BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(i * 4, 4)),
            };
            long stored = (raw >> shift) & mask;
            if (signed && bits < 64 && (stored & (1L << (bits - 1))) != 0)
            {
                stored -= 1L << bits;
            }

            if (paddingToAir && paddingValue is { } pad && (stored == pad || raw == (pad & 0xFFFF)))
            {
                destination[i] = Air;
                continue;
            }

            double hu = identity ? stored + integerIntercept : Math.Round((stored * slope) + intercept);
            if (paddingToAir && hu < Air)
            {
                hu = Air;
            }

            destination[i] = (short)Math.Clamp(hu, short.MinValue, short.MaxValue);
        }
    }
}
