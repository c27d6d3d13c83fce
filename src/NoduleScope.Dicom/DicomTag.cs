using System.Globalization;

namespace NoduleScope.Dicom;

/// <summary>A DICOM attribute tag (group, element).</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public DicomTag(uint value) : this((ushort)(value >> 16), (ushort)value)
    {
    }

    public uint Value => ((uint)Group << 16) | Element;

    public bool IsPrivate => (Group & 1) == 1;

    /// <summary>Private creator elements (gggg,0010-00FF) of an odd group.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    public bool IsGroupLength => Element == 0x0000;

    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator <(DicomTag a, DicomTag b) => a.Value < b.Value;

    public static bool operator >(DicomTag a, DicomTag b) => a.Value > b.Value;

    public static bool operator <=(DicomTag a, DicomTag b) => a.Value <= b.Value;

    public static bool operator >=(DicomTag a, DicomTag b) => a.Value >= b.Value;

    /// <summary>Parses "(0010,0010)", "0010,0010" or "00100010".</summary>
    public static DicomTag Parse(string text)
    {
        string s = text.Trim().TrimStart('(').TrimEnd(')').Replace(",", string.Empty, StringComparison.Ordinal);
        if (s.Length != 8 || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
        {
            throw new FormatException($"'{text}' is not a DICOM tag");
        }

        return new DicomTag(v);
    }

    public override string ToString() => $"({Group:X4},{Element:X4})";
}
