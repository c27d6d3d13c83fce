using System.IO.Compression;

namespace NoduleScope.Imaging.IO;

/// <summary>
/// Writes single-file NIfTI-1 volumes as int16 (scl_slope 1, scl_inter 0) with both the sform and the qform set to
/// scanner-anatomical coordinates in RAS, as dcm2niix does; gzip-compressed when the path ends with ".gz".
/// </summary>
public static class NiftiWriter
{
    public static void Write(CtVolume volume, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Write(volume, path, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
    }

    public static void Write(CtVolume volume, string path, bool compress)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(path);
        byte[] header = EncodeHeader(volume);
        long size = header.Length + (volume.VoxelCount * sizeof(short));
        using FileStream file = VoxelEncoder.CreateFile(path, compress ? 0 : size);
        if (compress)
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            gzip.Write(header);
            VoxelEncoder.WriteInt16LittleEndian(gzip, volume.Voxels);
        }
        else
        {
            file.Write(header);
            VoxelEncoder.WriteInt16LittleEndian(file, volume.Voxels);
        }
    }

    /// <summary>The 348-byte header followed by the 4-byte extension flag (no extensions).</summary>
    internal static byte[] EncodeHeader(CtVolume volume)
    {
        if (volume.SizeX > short.MaxValue || volume.SizeY > short.MaxValue || volume.SizeZ > short.MaxValue)
        {
            throw new ArgumentException($"NIfTI-1 dimensions are limited to {short.MaxValue}; the volume is {volume.SizeX}×{volume.SizeY}×{volume.SizeZ}", nameof(volume));
        }

        VoxelAffine ras = VoxelAffine.FromVolume(volume).FlipXY();
        Vector3D spacing = volume.Spacing;
        var directions = new Matrix3(ras.ColumnX / spacing.X, ras.ColumnY / spacing.Y, ras.ColumnZ / spacing.Z);
        NiftiQuaternion quaternion = NiftiQuaternion.FromDirections(directions);
        var header = new NiftiHeader
        {
            Dim = [3, (short)volume.SizeX, (short)volume.SizeY, (short)volume.SizeZ, 1, 1, 1, 1],
            Datatype = NiftiHeader.DatatypeInt16,
            BitsPerPixel = 16,
            Pixdim = [(float)quaternion.Qfac, (float)spacing.X, (float)spacing.Y, (float)spacing.Z, 0, 0, 0, 0],
            VoxOffset = NiftiHeader.MinimumDataOffset,
            SclSlope = 1,
            SclInter = 0,
            XyztUnits = NiftiHeader.UnitsMillimetre,
            Description = "NoduleScope",
            QformCode = NiftiHeader.TransformScannerAnatomical,
            SformCode = NiftiHeader.TransformScannerAnatomical,
            QuaternB = (float)quaternion.B,
            QuaternC = (float)quaternion.C,
            QuaternD = (float)quaternion.D,
            QoffsetX = (float)ras.Origin.X,
            QoffsetY = (float)ras.Origin.Y,
            QoffsetZ = (float)ras.Origin.Z,
            Srow =
            [
                (float)ras.ColumnX.X, (float)ras.ColumnY.X, (float)ras.ColumnZ.X, (float)ras.Origin.X,
                (float)ras.ColumnX.Y, (float)ras.ColumnY.Y, (float)ras.ColumnZ.Y, (float)ras.Origin.Y,
                (float)ras.ColumnX.Z, (float)ras.ColumnY.Z, (float)ras.ColumnZ.Z, (float)ras.Origin.Z,
            ],
        };

        var bytes = new byte[NiftiHeader.MinimumDataOffset];
        header.Encode(bytes);
        return bytes;
    }
}
