using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;

namespace NoduleScope.Dicom;

/// <summary>An ordered set of attributes. Values are stored as little-endian bytes and decoded on access.</summary>
public sealed class DicomDataset : IEnumerable<DicomItem>
{
    private readonly List<DicomItem> items = [];

    public DicomDataset()
    {
    }

    public DicomDataset(IEnumerable<DicomItem> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    /// <summary>How text values are decoded; nested datasets inherit it unless they declare their own.</summary>
    public DicomCharacterSet CharacterSet { get; set; } = DicomCharacterSet.Default;

    public int Count => items.Count;

    public IReadOnlyList<DicomItem> Items => items;

    /// <summary>Adds or replaces the attribute with the same tag, keeping tags in ascending order.</summary>
    public DicomDataset Add(DicomItem item)
    {
        int index = Find(item.Tag);
        if (index >= 0)
        {
            items[index] = item;
        }
        else
        {
            items.Insert(~index, item);
        }

        if (item.Tag == DicomTags.SpecificCharacterSet && item is DicomElement e)
        {
            CharacterSet = DicomCharacterSet.FromTerms(SplitValues(Encoding.ASCII.GetString(e.Data.Span)), out _);
        }

        return this;
    }

    public bool Remove(DicomTag tag)
    {
        int index = Find(tag);
        if (index < 0)
        {
            return false;
        }

        items.RemoveAt(index);
        return true;
    }

    public bool Contains(DicomTag tag) => Find(tag) >= 0;

    public DicomItem? GetItem(DicomTag tag)
    {
        int index = Find(tag);
        return index >= 0 ? items[index] : null;
    }

    public DicomElement? GetElement(DicomTag tag) => GetItem(tag) as DicomElement;

    public DicomSequence? GetSequence(DicomTag tag) => GetItem(tag) as DicomSequence;

    /// <summary>The whole text value, trailing padding removed; null when absent or not text.</summary>
    public string? GetString(DicomTag tag)
    {
        if (GetItem(tag) is not DicomElement { IsLoaded: true } e)
        {
            return null;
        }

        if (e.VR.IsString())
        {
            string s = e.VR.UsesCharacterSet() ? CharacterSet.Decode(e.Data.Span) : Encoding.Latin1.GetString(e.Data.Span);
            return s.TrimEnd(' ', '\0');
        }

        return e.VR switch
        {
            DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD or DicomVR.SV or DicomVR.UV =>
                string.Join('\\', GetDoubles(tag) ?? []),
            _ => null,
        };
    }

    public bool TryGetString(DicomTag tag, out string? value)
    {
        value = GetString(tag);
        return value is not null;
    }

    /// <summary>The values of a multi-valued text attribute, each trimmed; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        string? s = GetString(tag);
        return s is null ? [] : SplitValues(s);
    }

    /// <summary>Value <paramref name="index"/> as an integer, from binary integers or IS/DS text.</summary>
    public bool TryGetInt32(DicomTag tag, out int value, int index = 0)
    {
        value = 0;
        if (!TryGetDouble(tag, out double d, index) || double.IsNaN(d) || d < int.MinValue || d > int.MaxValue)
        {
            return false;
        }

        value = (int)Math.Round(d);
        return true;
    }

    /// <summary>Value <paramref name="index"/> as a double, from any numeric VR or DS/IS text.</summary>
    public bool TryGetDouble(DicomTag tag, out double value, int index = 0)
    {
        value = 0;
        if (GetItem(tag) is not DicomElement { IsLoaded: true } e || index < 0)
        {
            return false;
        }

        var span = e.Data.Span;
        switch (e.VR)
        {
            case DicomVR.US when span.Length >= (index + 1) * 2: value = BinaryPrimitives.ReadUInt16LittleEndian(span[(index * 2)..]); return true;
            case DicomVR.SS when span.Length >= (index + 1) * 2: value = BinaryPrimitives.ReadInt16LittleEndian(span[(index * 2)..]); return true;
            case DicomVR.UL when span.Length >= (index + 1) * 4: value = BinaryPrimitives.ReadUInt32LittleEndian(span[(index * 4)..]); return true;
            case DicomVR.SL when span.Length >= (index + 1) * 4: value = BinaryPrimitives.ReadInt32LittleEndian(span[(index * 4)..]); return true;
            case DicomVR.FL when span.Length >= (index + 1) * 4: value = BinaryPrimitives.ReadSingleLittleEndian(span[(index * 4)..]); return true;
            case DicomVR.FD when span.Length >= (index + 1) * 8: value = BinaryPrimitives.ReadDoubleLittleEndian(span[(index * 8)..]); return true;
            case DicomVR.SV when span.Length >= (index + 1) * 8: value = BinaryPrimitives.ReadInt64LittleEndian(span[(index * 8)..]); return true;
            case DicomVR.UV when span.Length >= (index + 1) * 8: value = BinaryPrimitives.ReadUInt64LittleEndian(span[(index * 8)..]); return true;
            case DicomVR.DS or DicomVR.IS or DicomVR.UN or DicomVR.LO or DicomVR.SH or DicomVR.CS:
                string[] values = SplitValues(Encoding.ASCII.GetString(span));
                return index < values.Length && double.TryParse(values[index], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
            default:
                return false;
        }
    }

    /// <summary>Every value of a numeric or DS/IS attribute; null when absent or not numeric.</summary>
    public double[]? GetDoubles(DicomTag tag)
    {
        if (GetItem(tag) is not DicomElement { IsLoaded: true } e)
        {
            return null;
        }

        int count = e.VR.IsString() ? SplitValues(Encoding.ASCII.GetString(e.Data.Span)).Length : e.Data.Length / Math.Max(1, e.VR.ValueSize());
        var result = new double[count];
        for (int i = 0; i < count; i++)
        {
            if (!TryGetDouble(tag, out result[i], i))
            {
                return null;
            }
        }

        return result;
    }

    /// <summary>Adds a text attribute, encoded in this dataset's character set and padded to even length.</summary>
    public DicomDataset AddString(DicomTag tag, DicomVR vr, string value)
    {
        byte[] bytes = vr.UsesCharacterSet() ? CharacterSet.Encode(value) : Encoding.ASCII.GetBytes(value);
        return Add(new DicomElement(tag, vr, PadEven(bytes, vr.PaddingByte())));
    }

    /// <summary>Adds a text attribute with the dictionary's VR.</summary>
    public DicomDataset AddString(DicomTag tag, string value) => AddString(tag, DicomDictionary.ImplicitVR(tag), value);

    public DicomDataset AddDecimals(DicomTag tag, params double[] values)
    {
        var parts = new string[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            parts[i] = FormatDecimalString(values[i]);
        }

        return AddString(tag, DicomVR.DS, string.Join('\\', parts));
    }

    public DicomDataset AddUInt16(DicomTag tag, params ushort[] values)
    {
        byte[] bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return Add(new DicomElement(tag, DicomVR.US, bytes));
    }

    public DicomDataset AddUInt32(DicomTag tag, params uint[] values)
    {
        byte[] bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return Add(new DicomElement(tag, DicomVR.UL, bytes));
    }

    public DicomDataset AddFloat64(DicomTag tag, params double[] values)
    {
        byte[] bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return Add(new DicomElement(tag, DicomVR.FD, bytes));
    }

    public DicomDataset AddSequence(DicomTag tag, params DicomDataset[] datasets) => Add(new DicomSequence(tag, datasets));

    /// <summary>A DS value within the 16-character limit of PS3.5.</summary>
    public static string FormatDecimalString(double value)
    {
        for (int digits = 10; digits >= 1; digits--)
        {
            string s = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (s.Length <= 16)
            {
                return s;
            }
        }

        return value.ToString("E6", CultureInfo.InvariantCulture);
    }

    public IEnumerator<DicomItem> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static string[] SplitValues(string s)
    {
        string[] parts = s.Split('\\');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim(' ', '\0');
        }

        return parts;
    }

    private static byte[] PadEven(byte[] bytes, byte padding)
    {
        if ((bytes.Length & 1) == 0)
        {
            return bytes;
        }

        byte[] padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }

    private int Find(DicomTag tag)
    {
        uint key = tag.Value;
        int lo = 0, hi = items.Count - 1;
        if (hi >= 0 && items[hi].Tag.Value < key)
        {
            return ~items.Count;
        }

        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            uint v = items[mid].Tag.Value;
            if (v == key)
            {
                return mid;
            }

            if (v < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
