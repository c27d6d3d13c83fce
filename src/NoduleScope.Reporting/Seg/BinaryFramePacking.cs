namespace NoduleScope.Reporting.Seg;

/// <summary>
/// 1-bit pixel data of binary segmentations (PS3.5 8.1.1): pixels of all frames one after the other with no padding
/// between frames, eight to a byte, the first pixel in the least significant bit; the whole value padded to even length.
/// </summary>
public static class BinaryFramePacking
{
    /// <summary>Packs frames of <paramref name="pixelsPerFrame"/> 0/1 bytes each.</summary>
    public static byte[] Pack(IReadOnlyList<byte[]> frames, int pixelsPerFrame)
    {
        long bits = (long)frames.Count * pixelsPerFrame;
        long length = (bits + 7) / 8;
        byte[] packed = new byte[length + (length & 1)];
        long bit = 0;
        foreach (byte[] frame in frames)
        {
            if (frame.Length != pixelsPerFrame)
            {
                throw new ArgumentException($"a frame has {frame.Length} pixels, expected {pixelsPerFrame}", nameof(frames));
            }

            foreach (byte pixel in frame)
            {
                if (pixel != 0)
                {
                    packed[bit >> 3] |= (byte)(1 << (int)(bit & 7));
                }

                bit++;
            }
        }

        return packed;
    }

    /// <summary>Frame <paramref name="index"/> of packed pixel data as 0/1 bytes.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> packed, int index, int pixelsPerFrame)
    {
        long start = (long)index * pixelsPerFrame;
        if ((start + pixelsPerFrame + 7) / 8 > packed.Length)
        {
            throw new InvalidDataException($"pixel data of {packed.Length} bytes is too short for frame {index + 1}");
        }

        byte[] frame = new byte[pixelsPerFrame];
        for (int i = 0; i < pixelsPerFrame; i++)
        {
            long bit = start + i;
            frame[i] = (byte)((packed[(int)(bit >> 3)] >> (int)(bit & 7)) & 1);
        }

        return frame;
    }
}
