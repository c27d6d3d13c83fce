using System.Buffers.Binary;
using System.IO.Compression;

namespace NoduleScope.Imaging.Tests.IO;

/// <summary>
/// Builds NIfTI-1 files byte by byte, independently of the production encoder, so reader tests do not depend on
/// the writer.
/// </summary>
internal sealed class NiftiTestHeader
{
    public bool BigEndian { get; set; }

    public short[] Dim { get; set; } = [3, 2, 2, 2, 1, 1, 1, 1];

    public short Datatype { get; set; } = 4;

    public short BitsPerPixel { get; set; } = 16;

    public float[] Pixdim { get; set; } = [1, 1, 1, 1, 0, 0, 0, 0];

    public float VoxOffset { get; set; } = 352;

    public float SclSlope { get; set; } = 1;

    public float SclInter { get; set; }

    public short QformCode { get; set; }

    public short SformCode { get; set; }

    /// <summary>quatern_b, c, d, qoffset_x, y, z.</summary>
    public float[] Quaternion { get; set; } = new float[6];

    /// <summary>srow_x, srow_y, srow_z, row-major.</summary>
    public float[] Srow { get; set; } = new float[12];

    public string Magic { get; set; } = "n+1";

    public int SizeofHdr { get; set; } = 348;

    public byte[] Encode()
    {
        var h = new byte[352];
        WriteInt32(h, 0, SizeofHdr);
        for (int i = 0; i < 8; i++)
        {
            WriteInt16(h, 40 + (2 * i), Dim[i]);
            WriteSingle(h, 76 + (4 * i), Pixdim[i]);
        }

        WriteInt16(h, 70, Datatype);
        WriteInt16(h, 72, BitsPerPixel);
        WriteSingle(h, 108, VoxOffset);
        WriteSingle(h, 112, SclSlope);
        WriteSingle(h, 116, SclInter);
        h[123] = 2;
        WriteInt16(h, 252, QformCode);
        WriteInt16(h, 254, SformCode);
        for (int i = 0; i < 6; i++)
        {
            WriteSingle(h, 256 + (4 * i), Quaternion[i]);
        }

        for (int i = 0; i < 12; i++)
        {
            WriteSingle(h, 280 + (4 * i), Srow[i]);
        }

        for (int i = 0; i < Magic.Length && i < 4; i++)
        {
            h[344 + i] = (byte)Magic[i];
        }

        return h;
    }

    /// <summary>Header, padding up to vox_offset, then <paramref name="data"/>; gzip-compressed when asked.</summary>
    public byte[] File(ReadOnlySpan<byte> data, bool gzip = false)
    {
        byte[] header = Encode();
        int offset = Math.Max(352, (int)VoxOffset);
        var bytes = new byte[offset + data.Length];
        header.CopyTo(bytes, 0);
        data.CopyTo(bytes.AsSpan(offset));
        return gzip ? Gzip(bytes) : bytes;
    }

    /// <summary>Int16 voxels in this header's byte order.</summary>
    public byte[] Int16Data(params short[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            WriteInt16(bytes, 2 * i, values[i]);
        }

        return bytes;
    }

    public static byte[] Gzip(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private void WriteInt16(byte[] b, int offset, short value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteInt16BigEndian(b.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteInt16LittleEndian(b.AsSpan(offset), value);
        }
    }

    private void WriteInt32(byte[] b, int offset, int value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(offset), value);
        }
    }

    private void WriteSingle(byte[] b, int offset, float value)
    {
        if (BigEndian)
        {
            BinaryPrimitives.WriteSingleBigEndian(b.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(offset), value);
        }
    }
}
