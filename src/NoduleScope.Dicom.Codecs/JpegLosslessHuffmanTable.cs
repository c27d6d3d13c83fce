namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// A lossless-JPEG Huffman table for SSSS categories 0..16. Codes of up to <see cref="LookupBits"/> bits are
/// resolved by one table lookup; when the category's extra bits fit in the same window the entry holds the finished
/// difference, so most samples cost a single lookup. Longer codes fall back to the canonical MAXCODE search (F.2.2.3).
/// </summary>
internal sealed class JpegLosslessHuffmanTable
{
    public const int LookupBits = 12;

    /// <summary>Entry flag: the entry holds the category in bits 8+, and its extra bits still need reading.</summary>
    public const int NeedsExtraBits = 0x20;

    /// <summary>Entry mask of the number of bits to consume (0: the code is longer than the lookup window).</summary>
    public const int LengthMask = 0x1F;

    private const int MaxCategory = 16;

    private readonly int[] lookup = new int[1 << LookupBits];
    private readonly int[] maxCode = new int[18];
    private readonly int[] valueOffset = new int[18];
    private readonly byte[] symbols;

    private JpegLosslessHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        symbols = values.ToArray();
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            int count = counts[length - 1];
            valueOffset[length] = k - code;
            for (int i = 0; i < count; i++)
            {
                int symbol = symbols[k++];
                if (symbol > MaxCategory)
                {
                    throw new DicomCodecException($"JPEG lossless: Huffman symbol {symbol} is not a difference category (0..16)");
                }

                if (code >= 1 << length)
                {
                    throw new DicomCodecException("JPEG lossless: Huffman table has more codes than its code lengths allow");
                }

                if (length <= LookupBits)
                {
                    Fill(code, length, symbol);
                }

                code++;
            }

            maxCode[length] = count == 0 ? -1 : code - 1;
            if (code > (1 << length))
            {
                throw new DicomCodecException("JPEG lossless: Huffman table has more codes than its code lengths allow");
            }

            code <<= 1;
        }

        maxCode[17] = int.MaxValue;
    }

    /// <summary>The lookup window entry for the next <see cref="LookupBits"/> bits.</summary>
    public int Lookup(int window) => lookup[window];

    /// <summary>Parses the tables of a DHT segment into <paramref name="tables"/> (indexed by Th); AC tables are rejected.</summary>
    public static void ParseSegment(ReadOnlySpan<byte> segment, JpegLosslessHuffmanTable?[] tables)
    {
        int position = 0;
        while (position < segment.Length)
        {
            if (position + 17 > segment.Length)
            {
                throw new DicomCodecException("JPEG lossless: DHT segment is truncated");
            }

            int tableClass = segment[position] >> 4;
            int id = segment[position] & 0x0F;
            if (tableClass != 0 || id > 3)
            {
                throw new DicomCodecException($"JPEG lossless: DHT defines table class {tableClass} id {id}; lossless uses DC tables 0-3");
            }

            var counts = segment.Slice(position + 1, 16);
            int total = 0;
            for (int i = 0; i < 16; i++)
            {
                total += counts[i];
            }

            position += 17;
            if (total > 256 || position + total > segment.Length)
            {
                throw new DicomCodecException($"JPEG lossless: DHT table of {total} symbols does not fit in its segment");
            }

            tables[id] = new JpegLosslessHuffmanTable(counts, segment.Slice(position, total));
            position += total;
        }
    }

    /// <summary>Decodes a code longer than the lookup window from the 16 bits in <paramref name="window16"/>; returns
    /// its length and sets <paramref name="category"/>, or returns 0 when no code matches (corrupt data).</summary>
    public int DecodeLongCode(int window16, out int category)
    {
        for (int length = LookupBits + 1; length <= 16; length++)
        {
            int code = window16 >> (16 - length);
            if (code <= maxCode[length])
            {
                int index = valueOffset[length] + code;
                if ((uint)index < (uint)symbols.Length)
                {
                    category = symbols[index];
                    return length;
                }

                break;
            }
        }

        category = 0;
        return 0;
    }

    /// <summary>Turns <paramref name="bits"/> extra bits of a category-<paramref name="category"/> difference into its value (F.2.2.1 EXTEND).</summary>
    public static int Extend(int bits, int category) =>
        bits < (1 << (category - 1)) ? bits - (1 << category) + 1 : bits;

    private void Fill(int code, int length, int category)
    {
        int spare = LookupBits - length;
        int first = code << spare;
        int entries = 1 << spare;
        for (int j = 0; j < entries; j++)
        {
            int entry;
            if (category == 0)
            {
                entry = length;
            }
            else if (category == MaxCategory)
            {
                entry = (32768 << 8) | length;
            }
            else if (length + category <= LookupBits)
            {
                int extra = (j >> (spare - category)) & ((1 << category) - 1);
                entry = (Extend(extra, category) << 8) | (length + category);
            }
            else
            {
                entry = (category << 8) | NeedsExtraBits | length;
            }

            lookup[first + j] = entry;
        }
    }
}
