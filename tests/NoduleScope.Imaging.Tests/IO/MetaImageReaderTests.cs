using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Imaging.Tests.IO;

public sealed class MetaImageReaderTests
{
    private const string Header2x2x2 = "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\nCompressedData = False\n";

    [Fact]
    public void TransformMatrixListsTheAxisDirectionsOneAfterAnother()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("rotated.mhd"), Header2x2x2 +
            "TransformMatrix = 0 1 0 -1 0 0 0 0 1\nOffset = -10.5 20 30.25\nCenterOfRotation = 1 2 3\nAnatomicalOrientation = RAI\n" +
            "ElementSpacing = 0.5 0.75 2\nDimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = rotated.raw\n");
        File.WriteAllBytes(folder.File("rotated.raw"), Int16LittleEndian(1, 2, 3, 4, 5, 6, 7, 8));

        CtVolume volume = MetaImageReader.Read(folder.File("rotated.mhd"));

        Assert.Equal(new short[] { 1, 2, 3, 4, 5, 6, 7, 8 }, volume.Voxels);
        TestVolumes.AssertClose(new Vector3D(0, 1, 0), volume.DirectionX, 1e-12);
        TestVolumes.AssertClose(new Vector3D(-1, 0, 0), volume.DirectionY, 1e-12);
        TestVolumes.AssertClose(new Vector3D(0, 0, 1), volume.DirectionZ, 1e-12);
        TestVolumes.AssertClose(new Vector3D(-10.5, 20, 30.25), volume.Origin, 1e-12);
        // Voxel (1, 1, 1): origin + 0.5·(0, 1, 0) + 0.75·(−1, 0, 0) + 2·(0, 0, 1); LPS as stored, no flip.
        TestVolumes.AssertClose(new Vector3D(-11.25, 20.5, 32.25), volume.VoxelToWorld(1, 1, 1), 1e-12);
    }

    [Fact]
    public void BigEndianFloatInASubfolderWithPositionAndCrLfIsRead()
    {
        using var folder = new TemporaryDirectory();
        Directory.CreateDirectory(folder.File("data"));
        File.WriteAllText(folder.File("float.mhd"), (Header2x2x2.Replace("BinaryDataByteOrderMSB = False\n", "ElementByteOrderMSB = True\n", StringComparison.Ordinal) +
            "Position = 1 2 3\nElementSpacing = 1 1 1\nDimSize = 2 1 1\nElementType = MET_FLOAT\nElementDataFile = data/float.raw\n").Replace("\n", "\r\n", StringComparison.Ordinal));
        var data = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(data, -999.6f);
        BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4), 12.5f);
        File.WriteAllBytes(folder.File("data/float.raw"), data);

        CtVolume volume = MetaImageReader.Read(folder.File("float.mhd"));

        Assert.Equal(new short[] { -1000, 13 }, volume.Voxels);
        TestVolumes.AssertClose(new Vector3D(1, 2, 3), volume.Origin, 1e-12);
    }

    [Fact]
    public void HeaderSizeSkipsBytesAtTheStartOfTheDataFile()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("skip.mhd"), Header2x2x2 + "HeaderSize = 3\nDimSize = 2 1 1\nElementType = MET_UCHAR\nElementDataFile = skip.raw\n");
        File.WriteAllBytes(folder.File("skip.raw"), [9, 9, 9, 200, 7]);

        Assert.Equal(new short[] { 200, 7 }, MetaImageReader.Read(folder.File("skip.mhd")).Voxels);
    }

    [Fact]
    public void CompressedLocalDataIsRead()
    {
        using var folder = new TemporaryDirectory();
        byte[] compressed = Zlib(Int16LittleEndian(-1000, 0, 50, 3000));
        File.WriteAllBytes(folder.File("local.mha"), [.. Encoding.ASCII.GetBytes(Header2x2x2.Replace("CompressedData = False", "CompressedData = True", StringComparison.Ordinal) +
            $"CompressedDataSize = {compressed.Length}\nDimSize = 2 2 1\nElementType = MET_SHORT\nElementDataFile = LOCAL\n"), .. compressed]);

        Assert.Equal(new short[] { -1000, 0, 50, 3000 }, MetaImageReader.Read(folder.File("local.mha")).Voxels);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("sub/../../outside.raw")]
    [InlineData("..\\outside.raw")]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\x.raw")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("slice%03d.raw 1 10 1")]
    [InlineData("LIST")]
    public void DataFileOutsideTheHeaderFolderIsRejected(string dataFile)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("escape.mhd");
        File.WriteAllText(path, Header2x2x2 + $"DimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = {dataFile}\n");

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains("ElementDataFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDataFileIsReported()
    {
        using var folder = new TemporaryDirectory();
        File.WriteAllText(folder.File("missing.mhd"), Header2x2x2 + "DimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = sub/missing.raw\n");

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(folder.File("missing.mhd")));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DimSize = 3037000500 3037000500 3037000500", "exceeds the limit")]
    [InlineData("DimSize = 1e300 1e300 1e300", "exceeds the limit")]
    [InlineData("DimSize = 4294967296 1 1", "exceeds the limit")]
    [InlineData("DimSize = 0 2 2", "DimSize[0] is 0")]
    [InlineData("DimSize = 2 -3 2", "DimSize[1] is -3")]
    [InlineData("DimSize = 2 2 1.5", "DimSize[2] is 1.5")]
    [InlineData("DimSize = 2 2", "DimSize has 2 numbers")]
    [InlineData("DimSize = 2 2 2 2", "more than the 3 numbers")]
    [InlineData("DimSize = 2 two 2", "not a number")]
    [InlineData("DimSize = NaN 2 2", "DimSize[0] is NaN")]
    public void BadDimensionsAreRejected(string dimLine, string reason)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("dims.mha");
        File.WriteAllText(path, Header2x2x2 + dimLine + "\nElementType = MET_SHORT\nElementDataFile = LOCAL\n" + new string('x', 16));

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NDims = 3", "NDims = 4", "NDims is 4")]
    [InlineData("ObjectType = Image", "ObjectType = Tube", "ObjectType")]
    [InlineData("BinaryData = True", "BinaryData = False", "ASCII")]
    [InlineData("BinaryData = True", "BinaryData = Maybe", "expected True or False")]
    [InlineData("ElementType = MET_SHORT", "ElementType = MET_LONG_LONG", "MET_LONG_LONG")]
    [InlineData("ElementSpacing = 1 1 1", "ElementSpacing = 1 0 1", "ElementSpacing[1] is 0")]
    [InlineData("TransformMatrix = 1 0 0 0 1 0 0 0 1", "TransformMatrix = 1 0 0 0 0 0 0 0 1", "TransformMatrix")]
    [InlineData("TransformMatrix = 1 0 0 0 1 0 0 0 1", "TransformMatrix = 1 0 0 1 0 0 0 0 1", "degenerate")]
    [InlineData("Offset = 0 0 0", "Offset = 0 Infinity 0", "non-finite")]
    public void BadHeaderValuesAreRejected(string line, string replacement, string reason)
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("bad.mha");
        string header = Header2x2x2 + "TransformMatrix = 1 0 0 0 1 0 0 0 1\nOffset = 0 0 0\nElementSpacing = 1 1 1\nDimSize = 2 2 2\nElementType = MET_SHORT\nElementDataFile = LOCAL\n";
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes(header.Replace(line, replacement, StringComparison.Ordinal)), .. new byte[16]]);

        var error = Assert.Throws<VolumeFormatException>(() => MetaImageReader.Read(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    internal static byte[] Int16LittleEndian(params short[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        }

        return bytes;
    }

    internal static byte[] Zlib(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return output.ToArray();
    }
}
