using System.Buffers.Binary;
using System.Text;

namespace NoduleScope.Dicom.Tests;

/// <summary>Builds raw DICOM byte streams by hand, so tests can craft encodings and malformed input precisely.</summary>
internal sealed class DicomBytes
{
    private readonly MemoryStream stream = new();
    private readonly bool bigEndian;

    public DicomBytes(bool bigEndian = false)
    {
        this.bigEndian = bigEndian;
    }

    public static byte[] Part10(string transferSyntax, Action<DicomBytes> body, bool bigEndianBody = false)
    {
        var meta = new DicomBytes();
        meta.Explicit(0x0002, 0x0001, "OB", [0, 1]);
        meta.Explicit(0x0002, 0x0002, "UI", Ascii("1.2.840.10008.5.1.4.1.1.2"));
        meta.Explicit(0x0002, 0x0003, "UI", Ascii("1.2.3.4"));
        meta.Explicit(0x0002, 0x0010, "UI", Ascii(transferSyntax));
        var dataset = new DicomBytes(bigEndianBody);
        body(dataset);
        var file = new DicomBytes();
        file.Raw(new byte[128]);
        file.Raw("DICM"u8.ToArray());
        byte[] metaBytes = meta.ToArray();
        file.Explicit(0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)metaBytes.Length));
        file.Raw(metaBytes);
        file.Raw(dataset.ToArray());
        return file.ToArray();
    }

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s.Length % 2 == 1 ? s + "\0" : s);

    public DicomBytes Raw(byte[] bytes)
    {
        stream.Write(bytes);
        return this;
    }

    public DicomBytes Tag(ushort group, ushort element)
    {
        U16(group);
        U16(element);
        return this;
    }

    public DicomBytes Explicit(ushort group, ushort element, string vr, byte[] value, uint? length = null)
    {
        Tag(group, element);
        stream.WriteByte((byte)vr[0]);
        stream.WriteByte((byte)vr[1]);
        bool longLength = vr is "OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "SQ" or "UC" or "UN" or "UR" or "UT" or "SV" or "UV";
        if (longLength)
        {
            U16(0);
            U32(length ?? (uint)value.Length);
        }
        else
        {
            U16((ushort)(length ?? (uint)value.Length));
        }

        stream.Write(value);
        return this;
    }

    public DicomBytes Implicit(ushort group, ushort element, byte[] value, uint? length = null)
    {
        Tag(group, element);
        U32(length ?? (uint)value.Length);
        stream.Write(value);
        return this;
    }

    /// <summary>Starts a sequence with undefined length in explicit VR.</summary>
    public DicomBytes BeginSequence(ushort group, ushort element) => Explicit(group, element, "SQ", [], 0xFFFFFFFF);

    public DicomBytes BeginItem(uint length = 0xFFFFFFFF) => Tag(0xFFFE, 0xE000).U32(length);

    public DicomBytes EndItem() => Tag(0xFFFE, 0xE00D).U32(0);

    public DicomBytes EndSequence() => Tag(0xFFFE, 0xE0DD).U32(0);

    public DicomBytes U16(ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        }

        stream.Write(b);
        return this;
    }

    public DicomBytes U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        }

        stream.Write(b);
        return this;
    }

    public byte[] ToArray() => stream.ToArray();
}
