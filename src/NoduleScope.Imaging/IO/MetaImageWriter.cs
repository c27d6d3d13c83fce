using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace NoduleScope.Imaging.IO;

/// <summary>
/// Writes MetaImage volumes as MET_SHORT in LPS, the way ITK does: a .mhd header with a .raw (or, compressed, .zraw)
/// data file beside it, or a single .mha with ElementDataFile = LOCAL. Compression is zlib.
/// </summary>
public static class MetaImageWriter
{
    public static void Write(CtVolume volume, string path, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(path);
        bool singleFile = path.EndsWith(".mha", StringComparison.OrdinalIgnoreCase);
        if (!singleFile && !path.EndsWith(".mhd", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"a MetaImage path must end with .mhd or .mha: {path}", nameof(path));
        }

        if (singleFile)
        {
            WriteSingleFile(volume, path, compress);
            return;
        }

        string dataPath = Path.ChangeExtension(path, compress ? ".zraw" : ".raw");
        long compressedSize;
        using (FileStream data = VoxelEncoder.CreateFile(dataPath, compress ? 0 : volume.VoxelCount * sizeof(short)))
        {
            WriteVoxels(data, volume, compress);
            compressedSize = data.Length;
        }

        File.WriteAllBytes(path, EncodeHeader(volume, compress ? compressedSize : -1, Path.GetFileName(dataPath)));
    }

    private static void WriteSingleFile(CtVolume volume, string path, bool compress)
    {
        using FileStream file = VoxelEncoder.CreateFile(path, 0);
        if (!compress)
        {
            file.Write(EncodeHeader(volume, -1, "LOCAL"));
            WriteVoxels(file, volume, compress: false);
            return;
        }

        // CompressedDataSize precedes the data, so the data is compressed first.
        using var compressed = new MemoryStream();
        WriteVoxels(compressed, volume, compress: true);
        file.Write(EncodeHeader(volume, compressed.Length, "LOCAL"));
        compressed.Position = 0;
        compressed.CopyTo(file);
    }

    private static void WriteVoxels(Stream stream, CtVolume volume, bool compress)
    {
        if (!compress)
        {
            VoxelEncoder.WriteInt16LittleEndian(stream, volume.Voxels);
            return;
        }

        using var zlib = new ZLibStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        VoxelEncoder.WriteInt16LittleEndian(zlib, volume.Voxels);
    }

    private static byte[] EncodeHeader(CtVolume volume, long compressedSize, string dataFile)
    {
        Vector3D x = volume.DirectionX, y = volume.DirectionY, z = volume.DirectionZ;
        var text = new StringBuilder();
        text.Append("ObjectType = Image\n");
        text.Append("NDims = 3\n");
        text.Append("BinaryData = True\n");
        text.Append("BinaryDataByteOrderMSB = False\n");
        text.Append(compressedSize >= 0 ? "CompressedData = True\n" : "CompressedData = False\n");
        if (compressedSize >= 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"CompressedDataSize = {compressedSize}\n");
        }

        text.Append("TransformMatrix = ").Append(Numbers(x.X, x.Y, x.Z, y.X, y.Y, y.Z, z.X, z.Y, z.Z)).Append('\n');
        text.Append("Offset = ").Append(Numbers(volume.Origin.X, volume.Origin.Y, volume.Origin.Z)).Append('\n');
        text.Append("CenterOfRotation = 0 0 0\n");
        text.Append("AnatomicalOrientation = ").Append(OrientationLetter(x)).Append(OrientationLetter(y)).Append(OrientationLetter(z)).Append('\n');
        text.Append("ElementSpacing = ").Append(Numbers(volume.Spacing.X, volume.Spacing.Y, volume.Spacing.Z)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"DimSize = {volume.SizeX} {volume.SizeY} {volume.SizeZ}\n");
        text.Append("ElementType = MET_SHORT\n");
        text.Append("ElementDataFile = ").Append(dataFile).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Numbers(params ReadOnlySpan<double> values)
    {
        var text = new StringBuilder();
        foreach (double value in values)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append((value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// ITK's orientation code names the side each axis starts from (identity LPS axes are "RAI"), taken from the axis's
    /// dominant world component.
    /// </summary>
    private static char OrientationLetter(Vector3D axis)
    {
        double ax = Math.Abs(axis.X), ay = Math.Abs(axis.Y), az = Math.Abs(axis.Z);
        if (ax >= ay && ax >= az)
        {
            return axis.X >= 0 ? 'R' : 'L';
        }

        if (ay >= az)
        {
            return axis.Y >= 0 ? 'A' : 'P';
        }

        return axis.Z >= 0 ? 'I' : 'S';
    }
}
