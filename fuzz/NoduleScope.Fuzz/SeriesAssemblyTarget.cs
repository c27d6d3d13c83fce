using System.Buffers.Binary;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Fuzz;

/// <summary>
/// Series assembly as `convert` and `detect` run it: up to 8 DICOM files are written to a scratch folder, scanned,
/// the series is selected and assembled into a volume. Input format: records of a 4-byte little-endian length and
/// that many bytes of one file.
/// </summary>
internal sealed class SeriesAssemblyTarget : IFuzzTarget
{
    private const int MaxFiles = 8;

    /// <summary>Volumes above this are skipped (they only cost the fuzzing machine memory); production takes up to Array.MaxLength voxels.</summary>
    private const long MaxVoxels = 16L << 20;

    private readonly Lazy<string> scratch = new(() => Directory.CreateTempSubdirectory("nodulescope-fuzz-series-").FullName);

    public string Name => "series-assembly";

    public string Description => "DicomInputScanner.Scan, SeriesSelector.Select, SeriesAssembler.Assemble over up to 8 files";

    public IReadOnlyList<string> InstrumentedAssemblies { get; } = ["NoduleScope.Dicom.dll", "NoduleScope.Imaging.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        string folder = scratch.Value;
        foreach (string old in Directory.EnumerateFiles(folder))
        {
            File.Delete(old);
        }

        int count = 0;
        while (input.Length >= 4 && count < MaxFiles)
        {
            int length = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(input), (uint)(input.Length - 4));
            File.WriteAllBytes(Path.Combine(folder, $"{count++:D2}.dcm"), input.Slice(4, length).ToArray());
            input = input[(4 + length)..];
        }

        try
        {
            var scan = new DicomInputScanner(new ScanOptions { MaxParallelism = 1 }).Scan(folder);
            if (scan.Series.Count == 0)
            {
                return;
            }

            var series = SeriesSelector.Select(scan.Series).Chosen ?? scan.Series[0];
            if ((long)series.First.Rows * series.First.Columns * series.Instances.Count > MaxVoxels)
            {
                return;
            }

            new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { MaxParallelism = 1, AllowIrregularSpacing = true }).Assemble(series);
        }
        catch (Exception e) when (ExpectedFailures.IsTypedDicomError(e) || e is SeriesAssemblyException)
        {
        }
    }

    public IEnumerable<FuzzSeed> Seeds(string? corpusFolder)
    {
        yield return new FuzzSeed("gen_series_native_4.bin", Pack([.. Enumerable.Range(0, 4).Select(i => GeneratedDicomFiles.Write(GeneratedDicomFiles.CtSlice(i, native: true), null))]));
        yield return new FuzzSeed("gen_series_rle_3.bin", Pack([.. Enumerable.Range(0, 3).Select(i => GeneratedDicomFiles.Write(GeneratedDicomFiles.CtSlice(i, native: false), DicomTransferSyntax.RleLossless))]));
        yield return new FuzzSeed("gen_series_single.bin", Pack([GeneratedDicomFiles.Write(GeneratedDicomFiles.CtSlice(0, native: true), null)]));
        if (corpusFolder is not null && Directory.Exists(Path.Combine(corpusFolder, "dcmqi", "segmentations", "23x38x3", "image")))
        {
            // A real three-slice CT series of 23 x 38 pixels.
            var files = Directory.GetFiles(Path.Combine(corpusFolder, "dcmqi", "segmentations", "23x38x3", "image")).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
            yield return new FuzzSeed("corpus_dcmqi_23x38x3.bin", Pack(files));
        }
    }

    public static byte[] Pack(IReadOnlyList<byte[]> files)
    {
        using var output = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (byte[] file in files)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)file.Length);
            output.Write(length);
            output.Write(file);
        }

        return output.ToArray();
    }
}
