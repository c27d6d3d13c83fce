namespace NoduleScope.Fuzz;

/// <summary>
/// A minimal RLE Lossless encoder (PS3.5 Annex G) for seeds: one segment per byte of a sample (most significant
/// first), each written as literal runs of up to 128 bytes.
/// </summary>
internal static class SimpleRle
{
    public static byte[] Encode(byte[] littleEndianSamples, int rows, int columns, int bytesPerSample)
    {
        int pixels = rows * columns;
        var segments = new List<byte[]>();
        for (int b = bytesPerSample - 1; b >= 0; b--)
        {
            using var segment = new MemoryStream();
            for (int start = 0; start < pixels; start += 128)
            {
                int count = Math.Min(128, pixels - start);
                segment.WriteByte((byte)(count - 1));
                for (int i = 0; i < count; i++)
                {
                    segment.WriteByte(littleEndianSamples[((start + i) * bytesPerSample) + b]);
                }
            }

            if (segment.Length % 2 == 1)
            {
                segment.WriteByte(0);
            }

            segments.Add(segment.ToArray());
        }

        using var output = new MemoryStream();
        var header = new byte[64];
        BitConverter.TryWriteBytes(header.AsSpan(0), segments.Count);
        int offset = 64;
        for (int i = 0; i < segments.Count; i++)
        {
            BitConverter.TryWriteBytes(header.AsSpan(4 + (4 * i)), offset);
            offset += segments[i].Length;
        }

        output.Write(header);
        foreach (byte[] s in segments)
        {
            output.Write(s);
        }

        return output.ToArray();
    }
}
