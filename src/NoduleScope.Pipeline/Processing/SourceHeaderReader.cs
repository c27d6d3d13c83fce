using System.IO.Compression;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Pipeline.Processing;

/// <summary>Finds again the header of one instance of an analysed series, to file the DICOM results under its patient and study.</summary>
public static class SourceHeaderReader
{
    /// <summary>
    /// The header of one instance of the analysed series; null for volume files, or with a warning added when it
    /// cannot be read. The instance is only read.
    /// </summary>
    public static DicomDataset? Read(CtVolume volume, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(warnings);
        if (volume.Source.SopInstanceUids.Count == 0 || volume.Source.Path is not { } path)
        {
            return null;
        }

        var headerOnly = DicomReadOptions.Default with { ReadPixelData = false };
        try
        {
            if (!IsZip(path))
            {
                return DicomFile.Open(path, headerOnly).Dataset;
            }

            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries.Where(e => e.Length > 0))
            {
                try
                {
                    var dataset = new InstanceSource(path, entry.FullName).Read(headerOnly).Dataset;
                    if (dataset.GetString(DicomTags.SeriesInstanceUID) == volume.Source.SeriesInstanceUid)
                    {
                        return dataset;
                    }
                }
                catch (DicomException)
                {
                    // Not a DICOM entry (README, DICOMDIR of another layout, ...): look further.
                }
            }
        }
        catch (Exception e) when (e is DicomException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            warnings.Add($"the source instance {path} could not be read again for the DICOM results: {e.Message}");
            return null;
        }

        warnings.Add($"no instance of series {volume.Source.SeriesInstanceUid} found again in {path} for the DICOM results");
        return null;
    }

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(magic) == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4;
    }
}
