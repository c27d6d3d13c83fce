using System.Diagnostics;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>
/// Walks every file of ../shared/dicom-corpus: each one either reads and decodes every frame, or is rejected with a
/// typed error (<see cref="DicomException"/> or <see cref="NotSupportedException"/>); nothing crashes, hangs or
/// allocates without bound. Lossless encodings of the same image decode to the same pixels as the uncompressed copy.
/// </summary>
public sealed class DicomCorpusTests
{
    private const long MaxAllocatedBytesPerFile = 1L << 30;

    /// <summary>Files that hold the same pixels: the first is the uncompressed reference.</summary>
    public static TheoryData<string[]> LosslessGroups => new()
    {
        new[] { "pydicom/test_files/MR_small.dcm", "pydicom/test_files/MR_small_RLE.dcm", "pydicom/test_files/MR_small_jp2klossless.dcm", "pydicom/test_files/MR_small_jpeg_ls_lossless.dcm", "pydicom/test_files/MR_small_bigendian.dcm", "pydicom/test_files/MR_small_expb.dcm", "pydicom/test_files/MR_small_implicit.dcm" },
        new[] { "pydicom-data/emri_small.dcm", "pydicom-data/emri_small_RLE.dcm", "pydicom-data/emri_small_big_endian.dcm", "pydicom-data/emri_small_jpeg_2k_lossless.dcm", "pydicom-data/emri_small_jpeg_ls_lossless.dcm" },
        new[] { "pydicom-data/liver.dcm", "pydicom-data/liver_deflate.dcm", "pydicom-data/liver_expb.dcm", "pydicom-data/liver_rle.dcm" },
        new[] { "pydicom-data/OBXXXX1A.dcm", "pydicom-data/OBXXXX1A_expb.dcm", "pydicom-data/OBXXXX1A_rle.dcm" },
        new[] { "pydicom-data/OBXXXX1A_2frame.dcm", "pydicom-data/OBXXXX1A_expb_2frame.dcm", "pydicom-data/OBXXXX1A_rle_2frame.dcm" },
        new[] { "pydicom-data/SC_rgb.dcm", "pydicom-data/SC_rgb_expb.dcm", "pydicom/test_files/SC_rgb_rle.dcm" },
        new[] { "pydicom-data/SC_rgb_16bit.dcm", "pydicom-data/SC_rgb_expb_16bit.dcm", "pydicom/test_files/SC_rgb_rle_16bit.dcm" },
        new[] { "pydicom-data/SC_rgb_32bit.dcm", "pydicom-data/SC_rgb_expb_32bit.dcm", "pydicom/test_files/SC_rgb_rle_32bit.dcm" },
        new[] { "pydicom-data/SC_rgb_2frame.dcm", "pydicom-data/SC_rgb_expb_2frame.dcm", "pydicom/test_files/SC_rgb_rle_2frame.dcm" },
        new[] { "pydicom-data/693_UNCR.dcm", "pydicom-data/693_J2KR.dcm" },
        new[] { "pydicom/test_files/rtdose.dcm", "pydicom/test_files/rtdose_expb.dcm", "pydicom/test_files/rtdose_rle.dcm" },
        new[] { "orthanc-tests/TransferSyntaxes/1.2.840.10008.1.2.5.dcm", "orthanc-tests/TransferSyntaxes/1.2.840.10008.1.2.4.80.dcm", "orthanc-tests/TransferSyntaxes/1.2.840.10008.1.2.4.90.dcm" },
    };

    [Fact]
    public void EveryCorpusFileDecodesOrFailsWithATypedError()
    {
        string corpus = SharedData.Require("dicom-corpus");
        var unexpected = new List<string>();
        int decoded = 0, rejected = 0, frames = 0;
        long worstAllocation = 0;
        string worstFile = string.Empty;
        var slowest = TimeSpan.Zero;
        foreach (string path in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            try
            {
                var file = DicomFile.Open(path);
                if (file.Dataset.Contains(DicomTags.PixelData))
                {
                    var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, path);
                    for (int f = 0; f < pixels.FrameCount; f++)
                    {
                        pixels.DecodeFrame(f, DicomCodecs.Default);
                        frames++;
                    }
                }

                decoded++;
            }
            catch (Exception e) when (e is DicomException or NotSupportedException)
            {
                rejected++;
                if (!e.Message.Contains(Path.GetFileName(path), StringComparison.Ordinal))
                {
                    unexpected.Add($"{path}: error does not name the file: {e.Message}");
                }
            }
            catch (Exception e)
            {
                unexpected.Add($"{path}: {e.GetType().Name}: {e.Message}");
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > worstAllocation)
            {
                (worstAllocation, worstFile) = (allocated, path);
            }

            if (watch.Elapsed > slowest)
            {
                slowest = watch.Elapsed;
            }

            if (allocated > MaxAllocatedBytesPerFile)
            {
                unexpected.Add($"{path}: allocated {allocated >> 20} MB");
            }

            // A hang guard, not a speed test: on a starved machine one read can stall, so a slow file is timed again.
            if (watch.Elapsed > TimeSpan.FromSeconds(30) && TimeAgain(path) is var again && again > TimeSpan.FromSeconds(30))
            {
                unexpected.Add($"{path}: took {watch.Elapsed.TotalSeconds:0.0} s, then {again.TotalSeconds:0.0} s (hang?)");
            }
        }

        TestContext.Current.SendDiagnosticMessage($"{decoded} files decoded ({frames} frames), {rejected} rejected with typed errors; most allocated: {worstAllocation >> 20} MB ({worstFile}); slowest {slowest.TotalMilliseconds:0} ms");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
        Assert.True(decoded > 400, $"only {decoded} files decoded");
    }

    private static TimeSpan TimeAgain(string path)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var file = DicomFile.Open(path);
            if (file.Dataset.Contains(DicomTags.PixelData))
            {
                var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, path);
                for (int f = 0; f < pixels.FrameCount; f++)
                {
                    pixels.DecodeFrame(f, DicomCodecs.Default);
                }
            }
        }
        catch (Exception e) when (e is DicomException or NotSupportedException)
        {
        }

        return watch.Elapsed;
    }

    [Theory]
    [MemberData(nameof(LosslessGroups))]
    public void LosslessEncodingsDecodeBitExactToTheUncompressedReference(string[] group)
    {
        var reference = DecodeAll(SharedData.Require(Path.Combine("dicom-corpus", group[0])));
        foreach (string relative in group[1..])
        {
            var frames = DecodeAll(SharedData.Require(Path.Combine("dicom-corpus", relative)));
            Assert.Equal(reference.Count, frames.Count);
            for (int f = 0; f < frames.Count; f++)
            {
                Assert.True(reference[f].AsSpan().SequenceEqual(frames[f]), $"{relative} frame {f} differs from {group[0]}");
            }
        }
    }

    private static List<byte[]> DecodeAll(string path)
    {
        var file = DicomFile.Open(path);
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, path);
        var frames = new List<byte[]>(pixels.FrameCount);
        for (int f = 0; f < pixels.FrameCount; f++)
        {
            frames.Add(pixels.DecodeFrame(f, DicomCodecs.Default));
        }

        return frames;
    }
}
