using System.Globalization;
using System.Text;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Cli;

/// <summary>Formats values for people: invariant culture, control characters from untrusted DICOM text made harmless.</summary>
internal static class DisplayText
{
    /// <summary>Replaces control characters (a hostile file could carry terminal escape sequences) and line breaks.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c is '\r' or '\n' or '\t' ? ' ' : char.IsControl(c) ? '?' : c);
        }

        return builder.ToString().Trim();
    }

    public static string Millimetres(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Spacing(Vector3D spacing) =>
        $"{Millimetres(spacing.X)} x {Millimetres(spacing.Y)} x {Millimetres(spacing.Z)}";

    public static string Size(CtVolume volume) =>
        string.Create(CultureInfo.InvariantCulture, $"{volume.SizeX} x {volume.SizeY} x {volume.SizeZ}");

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };

    public static string VolumeFormat(VolumeFileFormat format) => format switch
    {
        VolumeFileFormat.Nifti => "NIfTI-1 volume",
        VolumeFileFormat.NiftiGzip => "gzip-compressed NIfTI-1 volume",
        VolumeFileFormat.MetaImage => "MetaImage volume (header and data file)",
        _ => "MetaImage volume (single file)",
    };

    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);
}
