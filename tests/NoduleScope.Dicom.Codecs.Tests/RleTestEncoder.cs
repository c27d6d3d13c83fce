using System.Buffers.Binary;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>A minimal RLE Lossless encoder (PS3.5 G.3) used to produce round-trip input for the decoder.</summary>
internal static class RleTestEncoder
{
    /// <summary>Encodes one native, interleaved frame; 1-bit frames are a single plane of their packed bytes.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> frame, int samplesPerPixel, int bitsAllocated)
    {
        var planes = new List<byte[]>();
        if (bitsAllocated == 1)
        {
            planes.Add(frame.ToArray());
        }
        else
        {
            int bytes = bitsAllocated / 8;
            int pixels = frame.Length / (bytes * samplesPerPixel);
            for (int sample = 0; sample < samplesPerPixel; sample++)
            {
                for (int b = bytes - 1; b >= 0; b--)
                {
                    byte[] plane = new byte[pixels];
                    for (int p = 0; p < pixels; p++)
                    {
                        plane[p] = frame[(((p * samplesPerPixel) + sample) * bytes) + b];
                    }

                    planes.Add(plane);
                }
            }
        }

        var output = new List<byte>(new byte[64]);
        byte[] header = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)planes.Count);
        for (int i = 0; i < planes.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4 + (4 * i)), (uint)output.Count);
            output.AddRange(PackBits(planes[i]));
            if (output.Count % 2 == 1)
            {
                output.Add(0x80);
            }
        }

        byte[] result = output.ToArray();
        header.CopyTo(result, 0);
        return result;
    }

    /// <summary>PackBits: runs of 3 or more equal bytes are replicated, the rest written as literals of up to 128 bytes.</summary>
    public static byte[] PackBits(ReadOnlySpan<byte> plane)
    {
        var output = new List<byte>();
        int i = 0;
        while (i < plane.Length)
        {
            int run = 1;
            while (i + run < plane.Length && run < 128 && plane[i + run] == plane[i])
            {
                run++;
            }

            if (run >= 3)
            {
                output.Add((byte)(sbyte)(1 - run));
                output.Add(plane[i]);
                i += run;
                continue;
            }

            int start = i;
            int length = 0;
            while (i < plane.Length && length < 128)
            {
                if (i + 2 < plane.Length && plane[i] == plane[i + 1] && plane[i] == plane[i + 2])
                {
                    break;
                }

                i++;
                length++;
            }

            output.Add((byte)(length - 1));
            for (int k = start; k < start + length; k++)
            {
                output.Add(plane[k]);
            }
        }

        return output.ToArray();
    }
}
