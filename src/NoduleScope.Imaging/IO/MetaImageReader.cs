using System.IO.Compression;

namespace NoduleScope.Imaging.IO;

/// <summary>
/// Reads MetaImage volumes: .mhd headers with a separate data file, and .mha files with ElementDataFile = LOCAL.
/// Coordinates are LPS already (as ITK writes them; AnatomicalOrientation is informational and not applied). The
/// data file must lie in the header's folder: absolute paths and ".." are rejected.
/// </summary>
public static class MetaImageReader
{
    /// <summary>Reads a volume; stored values are rounded and clamped to short.</summary>
    /// <exception cref="VolumeFormatException">The file is malformed, unsupported, truncated or breaks a limit.</exception>
    public static CtVolume Read(string path, VolumeReadOptions? options = null) => Read(path, options, mask: false);

    /// <summary>Reads a label mask: every non-zero voxel becomes 1, the rest 0.</summary>
    /// <exception cref="VolumeFormatException">The file is malformed, unsupported, truncated or breaks a limit.</exception>
    public static CtVolume ReadMask(string path, VolumeReadOptions? options = null) => Read(path, options, mask: true);

    private static CtVolume Read(string path, VolumeReadOptions? options, bool mask)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= VolumeReadOptions.Default;
        using var headerFile = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        MetaImageHeader header = MetaImageHeader.Read(headerFile, path);

        string? objectType = header.Get("ObjectType");
        if (objectType is not null && !objectType.Equals("Image", StringComparison.OrdinalIgnoreCase))
        {
            throw new VolumeFormatException(path, $"ObjectType is '{MetaImageHeader.Shorten(objectType)}'; only Image is supported");
        }

        long rank = header.GetInteger("NDims", -1);
        if (rank != 3)
        {
            throw new VolumeFormatException(path, rank < 0 ? "NDims is missing" : $"NDims is {rank}; only 3-D images are supported");
        }

        if (header.GetInteger("ElementNumberOfChannels", 1) != 1)
        {
            throw new VolumeFormatException(path, "ElementNumberOfChannels is not 1; only scalar images are supported");
        }

        if (!header.GetBoolean("BinaryData", true))
        {
            throw new VolumeFormatException(path, "BinaryData is False; ASCII voxel data is not supported");
        }

        (int sizeX, int sizeY, int sizeZ) = Dimensions(header, options, path);
        VoxelElementType type = ElementType(header.Get("ElementType"), path);
        int elementSize = VoxelDecoder.ElementSize(type);
        long count = (long)sizeX * sizeY * sizeZ;
        long dataBytes = count * elementSize;
        if (dataBytes > options.MaxDecompressedBytes)
        {
            throw new VolumeFormatException(path, $"the header declares {dataBytes} bytes of voxel data, more than the limit of {options.MaxDecompressedBytes}");
        }

        bool bigEndian = header.GetBoolean(header.GetAny("BinaryDataByteOrderMSB", "ElementByteOrderMSB"), "BinaryDataByteOrderMSB", false);
        bool compressed = header.GetBoolean("CompressedData", false);
        VoxelAffine affine = Geometry(header, path);

        string dataFileValue = header.Get("ElementDataFile") ?? string.Empty;
        bool local = dataFileValue.Equals("LOCAL", StringComparison.OrdinalIgnoreCase);
        string dataPath = local ? path : ResolveDataFile(path, dataFileValue);
        using FileStream? separateFile = local ? null : OpenDataFile(dataPath);
        FileStream dataFile = separateFile ?? headerFile;

        long start = local ? header.DataOffset : 0;
        long headerSize = header.GetInteger("HeaderSize", 0);
        long available = dataFile.Length - start;
        if (headerSize == -1)
        {
            if (compressed)
            {
                throw new VolumeFormatException(path, "HeaderSize = -1 (data at the end of the file) cannot be used with compressed data");
            }

            if (dataBytes > dataFile.Length)
            {
                throw new VolumeFormatException(dataPath, $"file is truncated: {sizeX}×{sizeY}×{sizeZ} voxels of {elementSize} bytes need {dataBytes} bytes, the file has {dataFile.Length}");
            }

            start = dataFile.Length - dataBytes;
        }
        else if (headerSize < 0 || headerSize > available)
        {
            throw new VolumeFormatException(path, $"HeaderSize {headerSize} does not fit in the data file ({available} bytes)");
        }
        else
        {
            start += headerSize;
        }

        available = dataFile.Length - start;
        short[] voxels;
        if (!compressed)
        {
            if (dataBytes > available)
            {
                throw new VolumeFormatException(dataPath, $"file is truncated: {sizeX}×{sizeY}×{sizeZ} voxels of {elementSize} bytes need {dataBytes} bytes, the file has {available} after the header");
            }

            dataFile.Position = start;
            voxels = VoxelDecoder.Read(dataFile, (int)count, type, bigEndian, 1, 0, dataPath);
        }
        else
        {
            long compressedSize = header.GetInteger("CompressedDataSize", available);
            if (compressedSize <= 0 || compressedSize > available)
            {
                throw new VolumeFormatException(dataPath, $"file is truncated: CompressedDataSize is {compressedSize}, but {available} bytes are present");
            }

            if (dataBytes > compressedSize * VoxelDecoder.MaxDeflateRatio)
            {
                throw new VolumeFormatException(dataPath, $"file is truncated: {compressedSize} compressed bytes cannot hold the {dataBytes} bytes the header declares");
            }

            dataFile.Position = start;
            using var zlib = new ZLibStream(dataFile, CompressionMode.Decompress, leaveOpen: true);
            voxels = VoxelDecoder.Read(zlib, (int)count, type, bigEndian, 1, 0, dataPath);
        }

        if (mask)
        {
            VoxelDecoder.Binarize(voxels);
        }

        return affine.CreateVolume(sizeX, sizeY, sizeZ, voxels, path);
    }

    private static (int X, int Y, int Z) Dimensions(MetaImageHeader header, VolumeReadOptions options, string path)
    {
        double[] dims = header.GetNumbers(3, "DimSize") ?? throw new VolumeFormatException(path, "DimSize is missing");
        for (int i = 0; i < 3; i++)
        {
            if (!(dims[i] >= 1) || dims[i] != Math.Floor(dims[i]))
            {
                throw new VolumeFormatException(path, $"DimSize[{i}] is {dims[i]}; every dimension must be a positive integer");
            }
        }

        // Compared in doubles so that a product beyond the range of long is still caught.
        double count = dims[0] * dims[1] * dims[2];
        long maxVoxels = Math.Min(options.MaxVoxels, Array.MaxLength);
        if (count > maxVoxels)
        {
            throw new VolumeFormatException(path, $"DimSize {dims[0]}×{dims[1]}×{dims[2]} = {count:0} voxels exceeds the limit of {maxVoxels}");
        }

        return ((int)dims[0], (int)dims[1], (int)dims[2]);
    }

    private static VoxelElementType ElementType(string? value, string path) => value?.ToUpperInvariant() switch
    {
        "MET_UCHAR" => VoxelElementType.UInt8,
        "MET_CHAR" => VoxelElementType.Int8,
        "MET_SHORT" => VoxelElementType.Int16,
        "MET_USHORT" => VoxelElementType.UInt16,
        "MET_INT" => VoxelElementType.Int32,
        "MET_UINT" => VoxelElementType.UInt32,
        "MET_FLOAT" => VoxelElementType.Float32,
        "MET_DOUBLE" => VoxelElementType.Float64,
        null => throw new VolumeFormatException(path, "ElementType is missing"),
        _ => throw new VolumeFormatException(path, $"ElementType '{MetaImageHeader.Shorten(value)}' is not supported; expected MET_UCHAR, MET_CHAR, MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_FLOAT or MET_DOUBLE"),
    };

    private static VoxelAffine Geometry(MetaImageHeader header, string path)
    {
        double[] spacing = header.GetNumbers(3, "ElementSpacing", "ElementSize") ?? [1, 1, 1];
        double[] origin = header.GetNumbers(3, "Offset", "Position", "Origin") ?? [0, 0, 0];
        double[] matrix = header.GetNumbers(9, "TransformMatrix", "Rotation", "Orientation") ?? [1, 0, 0, 0, 1, 0, 0, 0, 1];
        for (int i = 0; i < 3; i++)
        {
            if (!(spacing[i] > 0) || !double.IsFinite(spacing[i]))
            {
                throw new VolumeFormatException(path, $"ElementSpacing[{i}] is {spacing[i]}; spacing must be positive");
            }
        }

        // ITK writes the direction of axis i as numbers 3i..3i+2 (the direction matrix's columns, one after another).
        var axisX = new Vector3D(matrix[0], matrix[1], matrix[2]);
        var axisY = new Vector3D(matrix[3], matrix[4], matrix[5]);
        var axisZ = new Vector3D(matrix[6], matrix[7], matrix[8]);
        if (!(axisX.Length > 0) || !(axisY.Length > 0) || !(axisZ.Length > 0))
        {
            throw new VolumeFormatException(path, "TransformMatrix has a zero or non-finite axis direction");
        }

        return new VoxelAffine(
            axisX.Normalized() * spacing[0],
            axisY.Normalized() * spacing[1],
            axisZ.Normalized() * spacing[2],
            new Vector3D(origin[0], origin[1], origin[2]));
    }

    /// <summary>
    /// The data file named by an untrusted header: only a relative path that stays inside the header's folder.
    /// </summary>
    internal static string ResolveDataFile(string headerPath, string value)
    {
        if (value.Length == 0)
        {
            throw new VolumeFormatException(headerPath, "ElementDataFile is empty");
        }

        string shown = MetaImageHeader.Shorten(value);
        if (value.Equals("LIST", StringComparison.OrdinalIgnoreCase) || value.Contains('%'))
        {
            throw new VolumeFormatException(headerPath, $"ElementDataFile '{shown}': lists and file-name patterns of slices are not supported");
        }

        if (Path.IsPathRooted(value) || value[0] is '/' or '\\' || (value.Length >= 2 && value[1] == ':') || value.Contains('\0'))
        {
            throw new VolumeFormatException(headerPath, $"ElementDataFile '{shown}' is an absolute path; only files in the header's folder are read");
        }

        foreach (Range range in value.AsSpan().SplitAny('/', '\\'))
        {
            if (value.AsSpan()[range] is "..")
            {
                throw new VolumeFormatException(headerPath, $"ElementDataFile '{shown}' leaves the header's folder ('..' is not allowed)");
            }
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(headerPath)) ?? throw new VolumeFormatException(headerPath, "the header's folder cannot be determined");
        string full = Path.GetFullPath(Path.Combine(folder, value));
        string prefix = Path.EndsInDirectorySeparator(folder) ? folder : folder + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new VolumeFormatException(headerPath, $"ElementDataFile '{shown}' leaves the header's folder");
        }

        return full;
    }

    private static FileStream OpenDataFile(string dataPath)
    {
        try
        {
            return new FileStream(dataPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VolumeFormatException(dataPath, "the data file named by ElementDataFile does not exist", ex);
        }
    }
}
