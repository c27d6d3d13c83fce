using System.Buffers.Binary;
using System.Text;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// The preamble and file meta information of a Part 10 file: read to find the transfer syntax and where the data set
/// starts (the client sends the data set bytes from there, unchanged), and written in front of a received data set.
/// </summary>
internal sealed record Part10Header(string TransferSyntaxUid, string? SopClassUid, string? SopInstanceUid, long DataSetOffset)
{
    /// <summary>File meta information longer than this is refused (real ones are a few hundred bytes).</summary>
    public const int MaxMetaLength = 64 * 1024;

    private const int PreambleLength = 132;

    /// <summary>Reads the header of a Part 10 file; null when the stream has no preamble and "DICM" (a bare data set).</summary>
    public static Part10Header? TryRead(Stream stream, string path)
    {
        byte[] buffer = new byte[PreambleLength + MaxMetaLength];
        int length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (length < PreambleLength || buffer[128] != 'D' || buffer[129] != 'I' || buffer[130] != 'C' || buffer[131] != 'M')
        {
            return null;
        }

        string? transferSyntax = null, sopClass = null, sopInstance = null;
        int offset = PreambleLength;
        while (length - offset >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset)) == 0x0002)
        {
            ushort element = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 2));
            byte v1 = buffer[offset + 4], v2 = buffer[offset + 5];
            int headerLength;
            long valueLength;
            if (v1 is < (byte)'A' or > (byte)'Z' || v2 is < (byte)'A' or > (byte)'Z')
            {
                // Implicit VR file meta (written by some old tools).
                headerLength = 8;
                valueLength = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 4));
            }
            else if (HasLongLength(v1, v2))
            {
                if (length - offset < 12)
                {
                    break;
                }

                headerLength = 12;
                valueLength = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 8));
            }
            else
            {
                headerLength = 8;
                valueLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 6));
            }

            if (valueLength > length - offset - headerLength)
            {
                throw new DicomFormatException($"file meta element (0002,{element:X4}) declares {valueLength} bytes, more than the file meta information may hold ({MaxMetaLength})", path, offset);
            }

            string Text() => Encoding.ASCII.GetString(buffer, offset + headerLength, (int)valueLength).Trim(' ', '\0');
            switch (element)
            {
                case 0x0002: sopClass = Text(); break;
                case 0x0003: sopInstance = Text(); break;
                case 0x0010: transferSyntax = Text(); break;
                default: break;
            }

            offset += headerLength + (int)valueLength;
        }

        if (string.IsNullOrEmpty(transferSyntax))
        {
            throw new DicomFormatException("the file meta information names no transfer syntax", path, offset);
        }

        return new Part10Header(transferSyntax, NullIfEmpty(sopClass), NullIfEmpty(sopInstance), offset);
    }

    /// <summary>Writes preamble, "DICM" and file meta information (explicit VR little endian, with its group length).</summary>
    public static byte[] Build(string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string? sourceAeTitle)
    {
        using var meta = new MemoryStream(256);
        WriteElement(meta, 0x0001, "OB", [0, 1]);
        WriteElement(meta, 0x0002, "UI", Padded(sopClassUid, 0));
        WriteElement(meta, 0x0003, "UI", Padded(sopInstanceUid, 0));
        WriteElement(meta, 0x0010, "UI", Padded(transferSyntaxUid, 0));
        WriteElement(meta, 0x0012, "UI", Padded(DicomUid.ImplementationClassUid, 0));
        WriteElement(meta, 0x0013, "SH", Padded(DicomUid.ImplementationVersionName, (byte)' '));
        if (!string.IsNullOrEmpty(sourceAeTitle))
        {
            WriteElement(meta, 0x0016, "AE", Padded(sourceAeTitle, (byte)' '));
        }

        using var file = new MemoryStream(PreambleLength + 12 + (int)meta.Length);
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        byte[] groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)meta.Length);
        WriteElement(file, 0x0000, "UL", groupLength);
        meta.Position = 0;
        meta.CopyTo(file);
        return file.ToArray();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static bool HasLongLength(byte v1, byte v2) => (char)v1 switch
    {
        'O' => v2 is (byte)'B' or (byte)'D' or (byte)'F' or (byte)'L' or (byte)'V' or (byte)'W',
        'S' => v2 is (byte)'Q' or (byte)'V',
        'U' => v2 is (byte)'C' or (byte)'N' or (byte)'R' or (byte)'T' or (byte)'V',
        _ => false,
    };

    private static byte[] Padded(string value, byte padding)
    {
        byte[] text = Encoding.ASCII.GetBytes(value);
        if ((text.Length & 1) == 0)
        {
            return text;
        }

        byte[] padded = new byte[text.Length + 1];
        text.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }

    private static void WriteElement(Stream output, ushort element, string vr, byte[] value)
    {
        bool longLength = HasLongLength((byte)vr[0], (byte)vr[1]);
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0x0002);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        header[4] = (byte)vr[0];
        header[5] = (byte)vr[1];
        if (longLength)
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)value.Length);
            output.Write(header);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)value.Length);
            output.Write(header[..8]);
        }

        output.Write(value);
    }
}
