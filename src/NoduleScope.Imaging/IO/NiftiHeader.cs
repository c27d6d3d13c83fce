using System.Buffers.Binary;

namespace NoduleScope.Imaging.IO;

/// <summary>The fields of a NIfTI-1 header (348 bytes) that a 3-D scalar volume needs, decoded in either byte order.</summary>
internal sealed class NiftiHeader
{
    public const int Size = 348;

    /// <summary>Header plus the 4-byte extension flag: where single-file voxel data starts without extensions.</summary>
    public const int MinimumDataOffset = 352;

    public const short DatatypeUInt8 = 2;
    public const short DatatypeInt16 = 4;
    public const short DatatypeInt32 = 8;
    public const short DatatypeFloat32 = 16;
    public const short DatatypeFloat64 = 64;
    public const short DatatypeInt8 = 256;
    public const short DatatypeUInt16 = 512;
    public const short DatatypeUInt32 = 768;

    public const short TransformScannerAnatomical = 1;
    public const byte UnitsMillimetre = 2;

    public bool BigEndian { get; init; }

    /// <summary>dim[0..7]: dim[0] is the number of dimensions.</summary>
    public short[] Dim { get; init; } = new short[8];

    public short Datatype { get; init; }

    public short BitsPerPixel { get; init; }

    /// <summary>pixdim[0..7]: pixdim[0] is qfac.</summary>
    public float[] Pixdim { get; init; } = new float[8];

    public float VoxOffset { get; init; }

    public float SclSlope { get; init; }

    public float SclInter { get; init; }

    public byte XyztUnits { get; init; }

    public string Description { get; init; } = string.Empty;

    public short QformCode { get; init; }

    public short SformCode { get; init; }

    public float QuaternB { get; init; }

    public float QuaternC { get; init; }

    public float QuaternD { get; init; }

    public float QoffsetX { get; init; }

    public float QoffsetY { get; init; }

    public float QoffsetZ { get; init; }

    /// <summary>The sform rows srow_x, srow_y, srow_z, four numbers each, row-major.</summary>
    public float[] Srow { get; init; } = new float[12];

    /// <summary>Decodes a header; throws unless it is a single-file NIfTI-1 header.</summary>
    public static NiftiHeader Parse(ReadOnlySpan<byte> bytes, string path)
    {
        bool bigEndian;
        int sizeofHdr = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (sizeofHdr == Size)
        {
            bigEndian = false;
        }
        else if (BinaryPrimitives.ReverseEndianness(sizeofHdr) == Size)
        {
            bigEndian = true;
        }
        else if (sizeofHdr == 540 || BinaryPrimitives.ReverseEndianness(sizeofHdr) == 540)
        {
            throw new VolumeFormatException(path, "NIfTI-2 files are not supported (sizeof_hdr is 540)");
        }
        else
        {
            throw new VolumeFormatException(path, $"not a NIfTI-1 file: sizeof_hdr is {sizeofHdr}, expected 348");
        }

        ReadOnlySpan<byte> magic = bytes.Slice(344, 4);
        if (magic.SequenceEqual("ni1\0"u8))
        {
            throw new VolumeFormatException(path, "two-file NIfTI (.hdr/.img, magic 'ni1') is not supported; use a single .nii file");
        }

        if (!magic.SequenceEqual("n+1\0"u8))
        {
            throw new VolumeFormatException(path, "not a NIfTI-1 file: magic is not 'n+1' (plain ANALYZE 7.5 headers are not supported)");
        }

        var dim = new short[8];
        var pixdim = new float[8];
        for (int i = 0; i < 8; i++)
        {
            dim[i] = ReadInt16(bytes, 40 + (2 * i), bigEndian);
            pixdim[i] = ReadSingle(bytes, 76 + (4 * i), bigEndian);
        }

        var srow = new float[12];
        for (int i = 0; i < 12; i++)
        {
            srow[i] = ReadSingle(bytes, 280 + (4 * i), bigEndian);
        }

        return new NiftiHeader
        {
            BigEndian = bigEndian,
            Dim = dim,
            Datatype = ReadInt16(bytes, 70, bigEndian),
            BitsPerPixel = ReadInt16(bytes, 72, bigEndian),
            Pixdim = pixdim,
            VoxOffset = ReadSingle(bytes, 108, bigEndian),
            SclSlope = ReadSingle(bytes, 112, bigEndian),
            SclInter = ReadSingle(bytes, 116, bigEndian),
            XyztUnits = bytes[123],
            QformCode = ReadInt16(bytes, 252, bigEndian),
            SformCode = ReadInt16(bytes, 254, bigEndian),
            QuaternB = ReadSingle(bytes, 256, bigEndian),
            QuaternC = ReadSingle(bytes, 260, bigEndian),
            QuaternD = ReadSingle(bytes, 264, bigEndian),
            QoffsetX = ReadSingle(bytes, 268, bigEndian),
            QoffsetY = ReadSingle(bytes, 272, bigEndian),
            QoffsetZ = ReadSingle(bytes, 276, bigEndian),
            Srow = srow,
        };
    }

    /// <summary>Encodes the header little-endian into the first 348 bytes of <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination)
    {
        Span<byte> h = destination[..Size];
        h.Clear();
        BinaryPrimitives.WriteInt32LittleEndian(h, Size);
        h[38] = (byte)'r';
        for (int i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(h[(40 + (2 * i))..], Dim[i]);
            BinaryPrimitives.WriteSingleLittleEndian(h[(76 + (4 * i))..], Pixdim[i]);
        }

        BinaryPrimitives.WriteInt16LittleEndian(h[70..], Datatype);
        BinaryPrimitives.WriteInt16LittleEndian(h[72..], BitsPerPixel);
        BinaryPrimitives.WriteSingleLittleEndian(h[108..], VoxOffset);
        BinaryPrimitives.WriteSingleLittleEndian(h[112..], SclSlope);
        BinaryPrimitives.WriteSingleLittleEndian(h[116..], SclInter);
        h[123] = XyztUnits;
        int descriptionLength = Math.Min(Description.Length, 79);
        for (int i = 0; i < descriptionLength; i++)
        {
            char ch = Description[i];
            h[148 + i] = ch is >= ' ' and <= '~' ? (byte)ch : (byte)'?';
        }

        BinaryPrimitives.WriteInt16LittleEndian(h[252..], QformCode);
        BinaryPrimitives.WriteInt16LittleEndian(h[254..], SformCode);
        BinaryPrimitives.WriteSingleLittleEndian(h[256..], QuaternB);
        BinaryPrimitives.WriteSingleLittleEndian(h[260..], QuaternC);
        BinaryPrimitives.WriteSingleLittleEndian(h[264..], QuaternD);
        BinaryPrimitives.WriteSingleLittleEndian(h[268..], QoffsetX);
        BinaryPrimitives.WriteSingleLittleEndian(h[272..], QoffsetY);
        BinaryPrimitives.WriteSingleLittleEndian(h[276..], QoffsetZ);
        for (int i = 0; i < 12; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(h[(280 + (4 * i))..], Srow[i]);
        }

        "n+1\0"u8.CopyTo(h[344..]);
    }

    private static short ReadInt16(ReadOnlySpan<byte> bytes, int offset, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadInt16BigEndian(bytes[offset..]) : BinaryPrimitives.ReadInt16LittleEndian(bytes[offset..]);

    private static float ReadSingle(ReadOnlySpan<byte> bytes, int offset, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes[offset..]) : BinaryPrimitives.ReadSingleLittleEndian(bytes[offset..]);
}
