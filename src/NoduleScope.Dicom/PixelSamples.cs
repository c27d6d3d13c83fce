using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NoduleScope.Dicom;

/// <summary>Shared checks and sample conversions for writing decoded frames in the native layout (little-endian hosts).</summary>
public static class PixelSamples
{
    /// <summary>Throws when <paramref name="destination"/> is not exactly one frame long (a caller bug, not bad input).</summary>
    public static void RequireFrameLength(PixelDescription description, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (destination.Length != description.FrameLengthBytes)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes, the frame needs {description.FrameLengthBytes}", nameof(destination));
        }
    }

    /// <summary>
    /// The width in bits of the two's complement values an unsigned codec stream of <paramref name="streamPrecision"/>
    /// bits carries for a signed description, or 0 when nothing needs sign extension. The smaller of the stream
    /// precision and BitsStored is right both for encoders that masked values to BitsStored and for those that wrote
    /// them already extended.
    /// </summary>
    public static int SignExtensionBits(PixelDescription description, int streamPrecision)
    {
        if (!description.IsSigned || description.BitsAllocated == 1)
        {
            return 0;
        }

        int bits = Math.Min(streamPrecision, description.BitsStored);
        return bits > 0 && bits < description.BitsAllocated ? bits : 0;
    }

    /// <summary>Sign-extends every sample of <paramref name="frame"/> (little-endian, BitsAllocated wide) from <paramref name="fromBits"/>.</summary>
    public static void SignExtend(Span<byte> frame, int bitsAllocated, int fromBits)
    {
        if (fromBits <= 0 || fromBits >= bitsAllocated)
        {
            return;
        }

        switch (bitsAllocated)
        {
            case 8:
            {
                int shift = 32 - fromBits;
                for (int i = 0; i < frame.Length; i++)
                {
                    frame[i] = (byte)((frame[i] << shift) >> shift);
                }

                break;
            }

            case 16:
            {
                int shift = 32 - fromBits;
                Span<ushort> samples = MemoryMarshal.Cast<byte, ushort>(frame);
                for (int i = 0; i < samples.Length; i++)
                {
                    samples[i] = (ushort)((samples[i] << shift) >> shift);
                }

                break;
            }

            case 32:
            {
                int shift = 32 - fromBits;
                for (int i = 0; i + 4 <= frame.Length; i += 4)
                {
                    int value = BinaryPrimitives.ReadInt32LittleEndian(frame[i..]);
                    BinaryPrimitives.WriteInt32LittleEndian(frame[i..], (value << shift) >> shift);
                }

                break;
            }

            case 64:
            {
                int shift = 64 - fromBits;
                for (int i = 0; i + 8 <= frame.Length; i += 8)
                {
                    long value = BinaryPrimitives.ReadInt64LittleEndian(frame[i..]);
                    BinaryPrimitives.WriteInt64LittleEndian(frame[i..], (value << shift) >> shift);
                }

                break;
            }
        }
    }

    /// <summary>Reorders a color-by-plane frame (RRR…GGG…BBB…) into color-by-pixel (RGBRGB…).</summary>
    public static void Interleave(ReadOnlySpan<byte> planar, Span<byte> interleaved, int samplesPerPixel, int pixels, int bytesPerSample)
    {
        for (int s = 0; s < samplesPerPixel; s++)
        {
            for (int p = 0; p < pixels; p++)
            {
                planar.Slice(((s * pixels) + p) * bytesPerSample, bytesPerSample)
                    .CopyTo(interleaved.Slice(((p * samplesPerPixel) + s) * bytesPerSample, bytesPerSample));
            }
        }
    }

    /// <summary>Bytes of one sample in the native layout (0 for BitsAllocated 1).</summary>
    public static int BytesPerSample(PixelDescription description) => description.BitsAllocated / 8;
}
