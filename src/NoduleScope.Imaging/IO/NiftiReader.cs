using System.IO.Compression;

namespace NoduleScope.Imaging.IO;

/// <summary>
/// Reads single-file NIfTI-1 volumes (.nii, and .nii.gz — recognised by the gzip magic bytes, not the name) into
/// Hounsfield units. Geometry comes from the sform when sform_code &gt; 0, else from the qform, else from pixdim alone,
/// and is converted from NIfTI's RAS to LPS.
/// </summary>
public static class NiftiReader
{
    /// <summary>Reads a volume; stored values are scaled by scl_slope/scl_inter, rounded and clamped to short.</summary>
    /// <exception cref="VolumeFormatException">The file is malformed, unsupported, truncated or breaks a limit.</exception>
    public static CtVolume Read(string path, VolumeReadOptions? options = null) => Read(path, options, mask: false);

    /// <summary>Reads a label mask: every voxel whose (scaled) value is non-zero becomes 1, the rest 0.</summary>
    /// <exception cref="VolumeFormatException">The file is malformed, unsupported, truncated or breaks a limit.</exception>
    public static CtVolume ReadMask(string path, VolumeReadOptions? options = null) => Read(path, options, mask: true);

    private static CtVolume Read(string path, VolumeReadOptions? options, bool mask)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= VolumeReadOptions.Default;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long fileLength = file.Length;
        bool compressed = StartsWithGzipMagic(file);
        using Stream data = compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;

        Span<byte> headerBytes = stackalloc byte[NiftiHeader.Size];
        VoxelDecoder.ReadExactly(data, headerBytes, NiftiHeader.Size, 0, path, "the NIfTI header");
        NiftiHeader header = NiftiHeader.Parse(headerBytes, path);

        (int sizeX, int sizeY, int sizeZ) = Dimensions(header, path);
        VoxelElementType type = ElementType(header.Datatype, path);
        long count = (long)sizeX * sizeY * sizeZ;
        long maxVoxels = Math.Min(options.MaxVoxels, Array.MaxLength);
        if (count > maxVoxels)
        {
            throw new VolumeFormatException(path, $"dimensions {sizeX}×{sizeY}×{sizeZ} = {count} voxels exceed the limit of {maxVoxels}");
        }

        long dataOffset = DataOffset(header, options, path);
        long dataBytes = count * VoxelDecoder.ElementSize(type);
        long totalBytes = dataOffset + dataBytes;
        if (totalBytes > options.MaxDecompressedBytes)
        {
            throw new VolumeFormatException(path, $"the header declares {totalBytes} bytes of data, more than the limit of {options.MaxDecompressedBytes}");
        }

        if (!compressed && totalBytes > fileLength)
        {
            throw new VolumeFormatException(path, $"file is truncated: vox_offset {dataOffset} + {sizeX}×{sizeY}×{sizeZ} voxels of {VoxelDecoder.ElementSize(type)} bytes need {totalBytes} bytes, the file has {fileLength}");
        }

        if (compressed && totalBytes > fileLength * VoxelDecoder.MaxDeflateRatio)
        {
            throw new VolumeFormatException(path, $"file is truncated: {fileLength} compressed bytes cannot hold the {totalBytes} bytes the header declares");
        }

        VoxelAffine lps = RasAffine(header).FlipXY();
        (double slope, double intercept) = Scaling(header);

        VoxelDecoder.Skip(data, dataOffset - NiftiHeader.Size, path);
        short[] voxels = VoxelDecoder.Read(data, (int)count, type, header.BigEndian, slope, intercept, path);
        if (mask)
        {
            VoxelDecoder.Binarize(voxels);
        }

        return lps.CreateVolume(sizeX, sizeY, sizeZ, voxels, path);
    }

    private static bool StartsWithGzipMagic(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static (int X, int Y, int Z) Dimensions(NiftiHeader header, string path)
    {
        short[] dim = header.Dim;
        int rank = dim[0];
        if (rank < 2 || rank > 7)
        {
            throw new VolumeFormatException(path, $"dim[0] is {rank}; expected 3 (or 4 with a single volume)");
        }

        for (int i = 1; i <= rank; i++)
        {
            if (dim[i] <= 0)
            {
                throw new VolumeFormatException(path, $"dim[{i}] is {dim[i]}; every dimension must be positive");
            }
        }

        for (int i = 4; i <= rank; i++)
        {
            if (dim[i] != 1)
            {
                throw new VolumeFormatException(path, $"dim[{i}] is {dim[i]}: only 3-D volumes (a 4-D file with dim[4] = 1) are supported");
            }
        }

        return (dim[1], dim[2], rank >= 3 ? dim[3] : 1);
    }

    private static VoxelElementType ElementType(short datatype, string path) => datatype switch
    {
        NiftiHeader.DatatypeUInt8 => VoxelElementType.UInt8,
        NiftiHeader.DatatypeInt8 => VoxelElementType.Int8,
        NiftiHeader.DatatypeInt16 => VoxelElementType.Int16,
        NiftiHeader.DatatypeUInt16 => VoxelElementType.UInt16,
        NiftiHeader.DatatypeInt32 => VoxelElementType.Int32,
        NiftiHeader.DatatypeUInt32 => VoxelElementType.UInt32,
        NiftiHeader.DatatypeFloat32 => VoxelElementType.Float32,
        NiftiHeader.DatatypeFloat64 => VoxelElementType.Float64,
        _ => throw new VolumeFormatException(path, $"datatype {datatype} is not supported; expected uint8, int8, int16, uint16, int32, uint32, float32 or float64 (codes 2, 256, 4, 512, 8, 768, 16, 64)"),
    };

    private static long DataOffset(NiftiHeader header, VolumeReadOptions options, string path)
    {
        float offset = header.VoxOffset;
        if (offset == 0)
        {
            // Some writers leave vox_offset 0 in single files; the data then follows the header and extension flag.
            return NiftiHeader.MinimumDataOffset;
        }

        if (!float.IsFinite(offset) || offset < NiftiHeader.MinimumDataOffset || offset != MathF.Floor(offset))
        {
            throw new VolumeFormatException(path, $"vox_offset {offset} is not a byte offset of at least {NiftiHeader.MinimumDataOffset}");
        }

        if (offset > options.MaxDecompressedBytes)
        {
            throw new VolumeFormatException(path, $"vox_offset {offset} is beyond the limit of {options.MaxDecompressedBytes} bytes");
        }

        return (long)offset;
    }

    private static (double Slope, double Intercept) Scaling(NiftiHeader header)
    {
        double slope = header.SclSlope;
        double intercept = header.SclInter;
        if (slope == 0 || !double.IsFinite(slope))
        {
            return (1, 0);
        }

        return (slope, double.IsFinite(intercept) ? intercept : 0);
    }

    /// <summary>The voxel-to-RAS transform: sform, else qform, else pixdim scaling (NIfTI "method 1").</summary>
    private static VoxelAffine RasAffine(NiftiHeader header)
    {
        float[] pixdim = header.Pixdim;
        if (header.SformCode > 0)
        {
            float[] s = header.Srow;
            return new VoxelAffine(new Vector3D(s[0], s[4], s[8]), new Vector3D(s[1], s[5], s[9]), new Vector3D(s[2], s[6], s[10]), new Vector3D(s[3], s[7], s[11]));
        }

        // nifti1_io replaces non-positive pixdim by 1 for the qform and method 1.
        var spacing = new Vector3D(PositiveOrOne(pixdim[1]), PositiveOrOne(pixdim[2]), PositiveOrOne(pixdim[3]));
        if (header.QformCode > 0)
        {
            var quaternion = new NiftiQuaternion(header.QuaternB, header.QuaternC, header.QuaternD, pixdim[0] < 0 ? -1 : 1);
            return quaternion.ToAffine(spacing, new Vector3D(header.QoffsetX, header.QoffsetY, header.QoffsetZ));
        }

        return new VoxelAffine(new Vector3D(spacing.X, 0, 0), new Vector3D(0, spacing.Y, 0), new Vector3D(0, 0, spacing.Z), Vector3D.Zero);
    }

    private static double PositiveOrOne(float value) => value > 0 ? value : 1;
}
