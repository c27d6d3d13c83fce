using System.Buffers;
using System.IO.Compression;
using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>Where one DICOM instance lives: a file, or an entry of a zip archive.</summary>
public sealed record InstanceSource(string FilePath, string? ZipEntry = null)
{
    /// <summary>Largest uncompressed zip entry read (zip bombs are refused).</summary>
    public const long MaxZipEntryBytes = 1L << 30;

    public string DisplayName => ZipEntry is null ? FilePath : $"{FilePath}!{ZipEntry}";

    /// <summary>Reads the instance (header only when <paramref name="options"/> says so).</summary>
    public DicomFile Read(DicomReadOptions? options = null)
    {
        if (ZipEntry is null)
        {
            return DicomFile.Open(FilePath, options);
        }

        using var archive = ZipFile.OpenRead(FilePath);
        var entry = archive.GetEntry(ZipEntry) ?? throw new DicomFormatException($"zip entry '{ZipEntry}' not found", FilePath);
        using var memory = ReadEntry(entry, FilePath);
        return DicomFile.Read(memory, DisplayName, options);
    }

    /// <summary>
    /// Reads the whole instance, sharing one pooled buffer between the bytes and the dataset's values (no per-value
    /// copies). Dispose the result to return the buffer; the dataset must not be used after that.
    /// </summary>
    public PooledDicomFile ReadPooled()
    {
        var options = DicomReadOptions.Default with { ShareSourceBuffer = true };
        if (ZipEntry is not null)
        {
            return new PooledDicomFile(Read(options), null);
        }

        byte[] buffer;
        int length;
        using (var stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            if (stream.Length > int.MaxValue)
            {
                throw new DicomLimitExceededException($"file of {stream.Length} bytes is too large", FilePath);
            }

            length = (int)stream.Length;
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            stream.ReadExactly(buffer, 0, length);
        }

        try
        {
            var file = DicomFile.Read(new MemoryStream(buffer, 0, length, writable: false, publiclyVisible: true), FilePath, options);
            return new PooledDicomFile(file, buffer);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Copies a zip entry into memory, refusing entries past the size cap or with an absurd compression ratio.</summary>
    internal static MemoryStream ReadEntry(ZipArchiveEntry entry, string archivePath)
    {
        if (entry.Length > MaxZipEntryBytes || (entry.CompressedLength > 0 && entry.Length / (double)entry.CompressedLength > 1000))
        {
            throw new DicomLimitExceededException($"zip entry '{entry.FullName}' inflates to {entry.Length} bytes from {entry.CompressedLength} (zip bomb?)", archivePath);
        }

        var memory = new MemoryStream((int)Math.Max(0, entry.Length));
        using (var s = entry.Open())
        {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = s.Read(buffer)) > 0)
            {
                if (memory.Length + n > entry.Length || memory.Length + n > MaxZipEntryBytes)
                {
                    throw new DicomLimitExceededException($"zip entry '{entry.FullName}' inflates past its declared size", archivePath);
                }

                memory.Write(buffer, 0, n);
            }
        }

        memory.Position = 0;
        return memory;
    }
}
