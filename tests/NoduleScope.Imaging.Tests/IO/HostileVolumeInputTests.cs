using System.IO.Compression;
using System.Text;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Imaging.Tests.IO;

public sealed class HostileVolumeInputTests
{
    private const long ZeroBytesInBomb = 200L << 20;

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(347)]
    public void TruncatedNiftiHeaderIsReported(int length)
    {
        var header = new NiftiTestHeader();
        using var folder = new TemporaryDirectory();
        string path = folder.File("short.nii");
        File.WriteAllBytes(path, header.File(header.Int16Data(new short[8]))[..length]);

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedNiftiVoxelDataIsReported(bool gzip)
    {
        var header = new NiftiTestHeader { Dim = [3, 64, 64, 16, 1, 1, 1, 1] };
        var random = new Random(5);
        var data = new byte[64 * 64 * 16 * 2];
        random.NextBytes(data);
        byte[] file = header.File(data, gzip);
        using var folder = new TemporaryDirectory();
        string path = folder.File(gzip ? "cut.nii.gz" : "cut.nii");
        File.WriteAllBytes(path, file[..(file.Length / 2)]);

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void CorruptGzipIsReported()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("corrupt.nii.gz");
        var bytes = new byte[4096];
        new Random(9).NextBytes(bytes);
        bytes[0] = 0x1F;
        bytes[1] = 0x8B;
        bytes[2] = 8;
        bytes[3] = 0;
        File.WriteAllBytes(path, bytes);

        Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
    }

    [Theory]
    [InlineData((short)0, "dim[2] is 0")]
    [InlineData((short)-5, "dim[2] is -5")]
    public void ZeroOrNegativeNiftiDimensionIsReported(short size, string reason)
    {
        var header = new NiftiTestHeader { Dim = [3, 2, size, 2, 1, 1, 1, 1] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("dims.nii");
        File.WriteAllBytes(path, header.File(new byte[16]));

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NiftiDimensionsBeyondTheVoxelLimitAreReported()
    {
        // 32767³ ≈ 3.5·10¹³ voxels: overflows int and any array.
        var header = new NiftiTestHeader { Dim = [3, short.MaxValue, short.MaxValue, short.MaxValue, 1, 1, 1, 1] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("huge.nii");
        File.WriteAllBytes(path, header.File(new byte[16]));

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains("exceed the limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallCompressedFileClaimingAHugeVolumeFailsBeforeAllocating()
    {
        // 2000×2000×200 int16 is within the default limits (1.6 GB) but cannot come out of a few hundred bytes.
        var header = new NiftiTestHeader { Dim = [3, 2000, 2000, 200, 1, 1, 1, 1] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("liar.nii.gz");
        File.WriteAllBytes(path, header.File(new byte[1024], gzip: true));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < (4 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void UncompressedFileClaimingAHugeVolumeFailsBeforeAllocating()
    {
        var header = new NiftiTestHeader { Dim = [3, 2000, 2000, 200, 1, 1, 1, 1] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("liar.nii");
        File.WriteAllBytes(path, header.File(new byte[1024]));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < (4 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void GzipBombBeyondTheLimitIsRejectedWithoutInflating()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bomb.nii.gz");
        // 512×512×400 int16 = 200 MiB of zeros, which gzip squeezes to about 200 KB.
        WriteGzipBomb(path, new NiftiTestHeader { Dim = [3, 512, 512, 400, 1, 1, 1, 1] }.Encode());
        Assert.True(new FileInfo(path).Length < (2 << 20));
        var options = new VolumeReadOptions { MaxDecompressedBytes = 16 << 20 };

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path, options));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
        Assert.True(allocated < (4 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void GzipBombBehindASmallVolumeIsNotInflated()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bomb-tail.nii.gz");
        WriteGzipBomb(path, new NiftiTestHeader { Dim = [3, 64, 64, 8, 1, 1, 1, 1] }.Encode());
        var options = new VolumeReadOptions { MaxDecompressedBytes = 1 << 20 };

        long before = GC.GetAllocatedBytesForCurrentThread();
        CtVolume volume = NiftiReader.Read(path, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(64 * 64 * 8, volume.Voxels.Length);
        Assert.True(allocated < (4 << 20), $"allocated {allocated} bytes");
    }

    [Fact]
    public void ZlibBombInMetaImageBeyondTheLimitIsRejected()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bomb.mha");
        using (var file = File.Create(path))
        {
            file.Write(Encoding.ASCII.GetBytes("ObjectType = Image\nNDims = 3\nBinaryData = True\nCompressedData = True\nDimSize = 512 512 400\nElementType = MET_SHORT\nElementDataFile = LOCAL\n"));
            using var zlib = new ZLibStream(file, CompressionLevel.Fastest);
            WriteZeros(zlib, ZeroBytesInBomb);
        }

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path, new VolumeReadOptions { MaxDecompressedBytes = 16 << 20 }));
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VoxelLimitFromOptionsIsApplied()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("limited.nii");
        NiftiWriter.Write(TestVolumes.Oblique(), path);

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path, new VolumeReadOptions { MaxVoxels = 100 }));
        Assert.Contains("exceed the limit of 100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(1e20f)]
    [InlineData(100f)]
    [InlineData(360.5f)]
    [InlineData(-352f)]
    public void BadVoxOffsetIsReported(float voxOffset)
    {
        var header = new NiftiTestHeader { VoxOffset = voxOffset };
        byte[] file = [.. header.Encode(), .. new byte[1024]];
        using var folder = new TemporaryDirectory();
        string path = folder.File("offset.nii");
        File.WriteAllBytes(path, file);

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains("vox_offset", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new float[] { 0, 0, 0, 1, 0, 1, 0, 2, 0, 0, 1, 3 }, "zero-length axis")]
    [InlineData(new float[] { 1, 0, 0, 1, 0, 1, 0, 2, float.NaN, 0, 1, 3 }, "non-finite")]
    [InlineData(new float[] { 1, 1, 0, 1, 1, 1, 0, 2, 0, 0, 1, 3 }, "degenerate")]
    public void BadSformIsReported(float[] srow, string reason)
    {
        var header = new NiftiTestHeader { SformCode = 1, Srow = srow };
        using var folder = new TemporaryDirectory();
        string path = folder.File("sform.nii");
        File.WriteAllBytes(path, header.File(header.Int16Data(new short[8])));

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedMetaImageDataIsReported()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("cut.mhd");
        File.WriteAllText(path, "NDims = 3\nDimSize = 4 4 4\nElementType = MET_SHORT\nElementDataFile = cut.raw\n");
        File.WriteAllBytes(folder.File("cut.raw"), new byte[100]);

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedCompressedMetaImageDataIsReported()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("cut.mhd");
        var random = new Random(3);
        var raw = new byte[32 * 32 * 32 * 2];
        random.NextBytes(raw);
        byte[] compressed = MetaImageReaderTests.Zlib(raw);
        File.WriteAllText(path, "NDims = 3\nCompressedData = True\nDimSize = 32 32 32\nElementType = MET_SHORT\nElementDataFile = cut.zraw\n");
        File.WriteAllBytes(folder.File("cut.zraw"), compressed[..(compressed.Length / 2)]);

        Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
    }

    [Fact]
    public void CompressedDataSizeLargerThanTheFileIsReported()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("size.mhd");
        File.WriteAllText(path, "NDims = 3\nCompressedData = True\nCompressedDataSize = 999999\nDimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = size.zraw\n");
        File.WriteAllBytes(folder.File("size.zraw"), MetaImageReaderTests.Zlib(new byte[16]));

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
        Assert.Contains("CompressedDataSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BinaryOrEndlessHeaderIsNotAMetaImage(bool endless)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("garbage.mha");
        if (endless)
        {
            File.WriteAllText(path, string.Concat(Enumerable.Repeat("Comment = padding padding padding padding\n", 40_000)));
        }
        else
        {
            var bytes = new byte[5000];
            new Random(1).NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
        }

        Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
    }

    [Fact]
    public void HeaderWithoutElementDataFileIsReported()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("nodata.mhd");
        File.WriteAllText(path, "NDims = 3\nDimSize = 2 2 2\nElementType = MET_SHORT");

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
        Assert.Contains("ElementDataFile", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("volume.nii")]
    [InlineData("volume.nii.gz")]
    [InlineData("volume.mha")]
    public void RandomlyCorruptedFilesOnlyEverGiveVolumeFormatException(string name)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File(name);
        VolumeFile.Write(TestVolumes.Oblique(), path, compressMetaImage: true);
        byte[] original = File.ReadAllBytes(path);
        var random = new Random(42);
        int failures = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] mutated = (byte[])original.Clone();
            int headerBytes = Math.Min(mutated.Length, name.EndsWith(".gz", StringComparison.Ordinal) ? mutated.Length : 600);
            int flips = random.Next(1, 6);
            for (int f = 0; f < flips; f++)
            {
                mutated[random.Next(headerBytes)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                mutated = mutated[..random.Next(mutated.Length)];
            }

            File.WriteAllBytes(path, mutated);
            try
            {
                VolumeFile.Read(path, new VolumeReadOptions { MaxVoxels = 1 << 24, MaxDecompressedBytes = 64 << 20 });
            }
            catch (VolumeFormatException)
            {
                failures++;
            }
        }

        Assert.True(failures > 0);
    }

    private static void WriteGzipBomb(string path, byte[] header)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(header);
        gzip.Write(new byte[4]);
        WriteZeros(gzip, ZeroBytesInBomb);
    }

    private static void WriteZeros(Stream stream, long count)
    {
        var zeros = new byte[1 << 20];
        for (long written = 0; written < count; written += zeros.Length)
        {
            stream.Write(zeros, 0, (int)Math.Min(zeros.Length, count - written));
        }
    }
}
