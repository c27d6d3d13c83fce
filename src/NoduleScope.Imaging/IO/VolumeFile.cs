namespace NoduleScope.Imaging.IO;

/// <summary>Reads and writes volumes in the format the file name says (.nii, .nii.gz, .mhd, .mha).</summary>
public static class VolumeFile
{
    public static bool TryDetectFormat(string path, out VolumeFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase))
        {
            format = VolumeFileFormat.NiftiGzip;
        }
        else if (path.EndsWith(".nii", StringComparison.OrdinalIgnoreCase))
        {
            format = VolumeFileFormat.Nifti;
        }
        else if (path.EndsWith(".mhd", StringComparison.OrdinalIgnoreCase))
        {
            format = VolumeFileFormat.MetaImage;
        }
        else if (path.EndsWith(".mha", StringComparison.OrdinalIgnoreCase))
        {
            format = VolumeFileFormat.MetaImageSingleFile;
        }
        else
        {
            format = default;
            return false;
        }

        return true;
    }

    /// <exception cref="VolumeFormatException">The extension is not .nii, .nii.gz, .mhd or .mha.</exception>
    public static VolumeFileFormat DetectFormat(string path) =>
        TryDetectFormat(path, out VolumeFileFormat format)
            ? format
            : throw new VolumeFormatException(path, "unknown volume file extension; expected .nii, .nii.gz, .mhd or .mha");

    /// <exception cref="VolumeFormatException">Unknown extension, or the file is malformed, truncated or breaks a limit.</exception>
    public static CtVolume Read(string path, VolumeReadOptions? options = null) => DetectFormat(path) switch
    {
        VolumeFileFormat.Nifti or VolumeFileFormat.NiftiGzip => NiftiReader.Read(path, options),
        _ => MetaImageReader.Read(path, options),
    };

    /// <summary>Reads a label mask: non-zero voxels become 1.</summary>
    /// <exception cref="VolumeFormatException">Unknown extension, or the file is malformed, truncated or breaks a limit.</exception>
    public static CtVolume ReadMask(string path, VolumeReadOptions? options = null) => DetectFormat(path) switch
    {
        VolumeFileFormat.Nifti or VolumeFileFormat.NiftiGzip => NiftiReader.ReadMask(path, options),
        _ => MetaImageReader.ReadMask(path, options),
    };

    /// <summary>
    /// Writes int16 voxels: .nii.gz is gzip-compressed; <paramref name="compressMetaImage"/> zlib-compresses .mhd (into a
    /// .zraw) and .mha data. Throws <see cref="ArgumentException"/> for an unknown extension.
    /// </summary>
    public static void Write(CtVolume volume, string path, bool compressMetaImage = false)
    {
        if (!TryDetectFormat(path, out VolumeFileFormat format))
        {
            throw new ArgumentException($"unknown volume file extension (expected .nii, .nii.gz, .mhd or .mha): {path}", nameof(path));
        }

        switch (format)
        {
            case VolumeFileFormat.Nifti:
                NiftiWriter.Write(volume, path, compress: false);
                break;
            case VolumeFileFormat.NiftiGzip:
                NiftiWriter.Write(volume, path, compress: true);
                break;
            default:
                MetaImageWriter.Write(volume, path, compressMetaImage);
                break;
        }
    }
}
