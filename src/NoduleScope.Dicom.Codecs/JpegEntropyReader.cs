using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// Reads the bits of an entropy-coded JPEG segment: removes stuffed zero bytes, stops at the next marker and feeds
/// zero bits past it, counting them so that a decoder which used any of them can report truncated data.
/// </summary>
internal ref struct JpegEntropyReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;
    private ulong buffer;
    private int count;
    private int paddingBits;

    public JpegEntropyReader(ReadOnlySpan<byte> data, int position)
    {
        this.data = data;
        this.position = position;
    }

    /// <summary>The byte position of the next unread byte (at a marker once the segment has been read).</summary>
    public readonly int Position => position;

    /// <summary>True when the decoder consumed zero bits fed in past the end of the segment.</summary>
    public readonly bool ReadPastEnd => count < paddingBits;

    /// <summary>Makes at least 32 bits available (zeros past the end of the segment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EnsureBits()
    {
        if (count < 32)
        {
            Fill();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Peek(int bits) => (int)(buffer >> (64 - bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int bits)
    {
        buffer <<= bits;
        count -= bits;
    }

    /// <summary>Reads <paramref name="bits"/> (1..16) bits; the caller has ensured they are available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Read(int bits)
    {
        int value = (int)(buffer >> (64 - bits));
        buffer <<= bits;
        count -= bits;
        return value;
    }

    /// <summary>Discards the rest of the segment and moves to the marker that ends it.</summary>
    /// <returns>The marker code, or 0 when the data ends without one.</returns>
    public byte SkipToMarker()
    {
        buffer = 0;
        count = 0;
        paddingBits = 0;
        while (position + 1 < data.Length)
        {
            if (data[position] == 0xFF && data[position + 1] != 0x00 && data[position + 1] != 0xFF)
            {
                return data[position + 1];
            }

            position++;
        }

        position = data.Length;
        return 0;
    }

    /// <summary>Consumes the RSTn marker at the current position, after <see cref="SkipToMarker"/>.</summary>
    public void ConsumeMarker() => position += 2;

    private void Fill()
    {
        // Whole bytes without 0xFF are loaded at once; otherwise go byte by byte to handle stuffing and markers.
        while (count <= 56)
        {
            if (position + 8 <= data.Length)
            {
                int take = (64 - count) >> 3;
                ulong word = BinaryPrimitives.ReadUInt64BigEndian(data[position..]);
                ulong head = take == 8 ? word : word & ~(ulong.MaxValue >> (take << 3));
                if (!HasFFByte(head))
                {
                    buffer |= head >> count;
                    position += take;
                    count += take << 3;
                    continue;
                }
            }

            ulong next;
            if (position < data.Length)
            {
                byte b = data[position];
                if (b != 0xFF)
                {
                    position++;
                    next = b;
                }
                else if (position + 1 < data.Length && data[position + 1] == 0x00)
                {
                    position += 2;
                    next = 0xFF;
                }
                else
                {
                    next = 0;
                    paddingBits += 8;
                }
            }
            else
            {
                next = 0;
                paddingBits += 8;
            }

            buffer |= next << (56 - count);
            count += 8;
        }
    }

    private static bool HasFFByte(ulong word)
    {
        ulong inverted = ~word;
        return ((inverted - 0x0101010101010101UL) & ~inverted & 0x8080808080808080UL) != 0;
    }
}
