using System.Collections.Concurrent;
using System.IO.Compression;
using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>
/// Finds DICOM instances in a file, a folder tree (non-DICOM files skipped), a zip archive or a DICOMDIR, reads their
/// headers in parallel without loading pixel data, and groups them into series.
/// </summary>
public sealed class DicomInputScanner
{
    private const string MediaStorageDirectoryUid = "1.2.840.10008.1.3.10";

    private readonly ScanOptions options;

    public DicomInputScanner(ScanOptions? options = null)
    {
        this.options = options ?? new ScanOptions();
    }

    public ScanResult Scan(string path, IProgress<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var sources = new List<InstanceSource>();
        var errors = new ConcurrentBag<string>();
        int nonDicom = 0;
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            CollectFolder(full, sources);
        }
        else if (File.Exists(full))
        {
            if (IsZip(full))
            {
                CollectZip(full, sources);
            }
            else if (IsDicomDir(full, out var dicomDir))
            {
                CollectDicomDir(full, dicomDir!, sources, errors);
            }
            else
            {
                sources.Add(new InstanceSource(full));
            }
        }
        else
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }

        var headers = new InstanceHeader?[sources.Count];
        int done = 0;
        Parallel.For(0, sources.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken }, i =>
        {
            var source = sources[i];
            try
            {
                if (source.ZipEntry is null && !LooksLikeDicom(source.FilePath))
                {
                    Interlocked.Increment(ref nonDicom);
                }
                else
                {
                    var file = source.Read(InstanceHeaderReader.HeaderOptions);
                    if (file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) == MediaStorageDirectoryUid)
                    {
                        Interlocked.Increment(ref nonDicom);
                    }
                    else
                    {
                        headers[i] = InstanceHeaderReader.FromFile(file, source, out string? problem);
                        if (problem is not null)
                        {
                            errors.Add($"{source.DisplayName}: {problem}");
                        }
                    }
                }
            }
            catch (Exception e) when (e is DicomException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                errors.Add(e is DicomFormatException { FilePath: not null } ? e.Message : $"{source.DisplayName}: {e.Message}");
            }

            progress?.Report(new ScanProgress(Interlocked.Increment(ref done), sources.Count));
        });

        var bySeries = new Dictionary<string, List<InstanceHeader>>(StringComparer.Ordinal);
        foreach (var h in headers)
        {
            if (h is null)
            {
                continue;
            }

            string key = h.StudyInstanceUid + "|" + h.SeriesInstanceUid;
            if (!bySeries.TryGetValue(key, out var list))
            {
                bySeries[key] = list = [];
            }

            list.Add(h);
        }

        var series = new List<SeriesInfo>(bySeries.Count);
        foreach (var list in bySeries.Values)
        {
            series.Add(new SeriesInfo(list[0].SeriesInstanceUid, list));
        }

        series.Sort(CompareSeries);
        var sortedErrors = errors.ToList();
        sortedErrors.Sort(StringComparer.Ordinal);
        return new ScanResult(series, sortedErrors, sources.Count, nonDicom);
    }

    private static int CompareSeries(SeriesInfo a, SeriesInfo b)
    {
        int c = string.CompareOrdinal(a.StudyInstanceUid, b.StudyInstanceUid);
        if (c != 0)
        {
            return c;
        }

        c = (a.SeriesNumber ?? int.MaxValue).CompareTo(b.SeriesNumber ?? int.MaxValue);
        return c != 0 ? c : string.CompareOrdinal(a.SeriesInstanceUid, b.SeriesInstanceUid);
    }

    private void CollectFolder(string folder, List<InstanceSource> sources)
    {
        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
        };
        foreach (string file in Directory.EnumerateFiles(folder, "*", enumeration))
        {
            if (IsZip(file))
            {
                CollectZip(file, sources);
            }
            else
            {
                sources.Add(new InstanceSource(file));
            }

            CheckCount(sources.Count, folder);
        }

        sources.Sort((a, b) => string.CompareOrdinal(a.DisplayName, b.DisplayName));
    }

    private void CollectZip(string zipPath, List<InstanceSource> sources)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zipPath);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/') || entry.Length == 0)
                {
                    continue;
                }

                sources.Add(new InstanceSource(zipPath, entry.FullName));
                CheckCount(sources.Count, zipPath);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException("corrupt zip archive: " + e.Message, zipPath);
        }
    }

    /// <summary>Follows a DICOMDIR's ReferencedFileID values. They are untrusted: each component must be a plain
    /// name and the final path must stay inside the DICOMDIR's folder (hardening rule 7).</summary>
    private void CollectDicomDir(string dicomDirPath, DicomFile dicomDir, List<InstanceSource> sources, ConcurrentBag<string> errors)
    {
        string root = Path.GetDirectoryName(dicomDirPath)!;
        var records = dicomDir.Dataset.GetSequence(DicomTags.DirectoryRecordSequence);
        if (records is null)
        {
            throw new DicomFormatException("DICOMDIR has no directory record sequence", dicomDirPath);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Items)
        {
            string[] components = record.GetStrings(DicomTags.ReferencedFileID);
            if (components.Length == 0)
            {
                continue;
            }

            string? resolved = ResolveInside(root, components);
            if (resolved is null)
            {
                errors.Add($"{dicomDirPath}: referenced file '{string.Join('\\', components)}' is not a safe path inside the DICOMDIR folder");
                continue;
            }

            if (!File.Exists(resolved))
            {
                errors.Add($"{dicomDirPath}: referenced file '{string.Join('\\', components)}' is missing");
                continue;
            }

            if (seen.Add(resolved))
            {
                sources.Add(new InstanceSource(resolved));
                CheckCount(sources.Count, dicomDirPath);
            }
        }
    }

    internal static string? ResolveInside(string root, string[] components)
    {
        string current = Path.GetFullPath(root);
        string rootWithSeparator = current.EndsWith(Path.DirectorySeparatorChar) ? current : current + Path.DirectorySeparatorChar;
        foreach (string raw in components)
        {
            string c = raw.Trim();
            if (c.Length == 0 || c == "." || c == ".." || c.IndexOfAny(['/', '\\', ':', '\0']) >= 0)
            {
                return null;
            }

            string exact = Path.Combine(current, c);
            if (File.Exists(exact) || Directory.Exists(exact))
            {
                current = exact;
                continue;
            }

            // DICOMDIR IDs are upper case; media written on case-sensitive systems may not be.
            string? match = null;
            if (Directory.Exists(current))
            {
                foreach (string entry in Directory.EnumerateFileSystemEntries(current))
                {
                    if (string.Equals(Path.GetFileName(entry), c, StringComparison.OrdinalIgnoreCase))
                    {
                        match = entry;
                        break;
                    }
                }
            }

            current = match ?? exact;
        }

        string final = Path.GetFullPath(current);
        return final.StartsWith(rootWithSeparator, StringComparison.Ordinal) ? final : null;
    }

    private void CheckCount(int count, string path)
    {
        if (count > options.MaxFiles)
        {
            throw new DicomLimitExceededException($"more than {options.MaxFiles} files", path);
        }
    }

    private static bool LooksLikeDicom(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            Span<byte> head = stackalloc byte[132];
            int n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return DicomFile.LooksLikeDicom(head[..n], s.Length);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsZip(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
            Span<byte> head = stackalloc byte[4];
            return s.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsDicomDir(string path, out DicomFile? file)
    {
        file = null;
        if (!string.Equals(Path.GetFileName(path), "DICOMDIR", StringComparison.OrdinalIgnoreCase) && !LooksLikeDicom(path))
        {
            return false;
        }

        try
        {
            var f = DicomFile.Open(path, DicomReadOptions.Default with { ReadPixelData = false });
            if (f.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) == MediaStorageDirectoryUid || f.Dataset.Contains(DicomTags.DirectoryRecordSequence))
            {
                file = f;
                return true;
            }
        }
        catch (DicomException)
        {
            return false;
        }

        return false;
    }
}
