using System.Buffers.Binary;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Imaging.Tests.IO;

public sealed class NiftiReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QformWithNegativeQfacGivesTheExpectedWorldPoint(bool bigEndian)
    {
        // A 90° rotation about z: quaternion (a, b, c, d) = (cos 45°, 0, 0, sin 45°); qfac −1 flips the slice axis.
        double half = Math.Sqrt(0.5);
        var header = new NiftiTestHeader
        {
            BigEndian = bigEndian,
            Dim = [3, 4, 5, 6, 1, 1, 1, 1],
            Pixdim = [-1, 0.5f, 0.75f, 2f, 0, 0, 0, 0],
            QformCode = 1,
            Quaternion = [0, 0, (float)half, 10, 20, 30],
        };
        using var folder = new TemporaryDirectory();
        string path = folder.File("qform.nii");
        File.WriteAllBytes(path, header.File(header.Int16Data(new short[4 * 5 * 6])));

        CtVolume volume = NiftiReader.Read(path);

        // Voxel (2, 3, 4) scaled: (2·0.5, 3·0.75, −4·2) = (1, 2.25, −8). Rotating 90° about z maps (x, y) to (−y, x):
        // (−2.25, 1, −8). Plus the offset: RAS (7.75, 21, 22). LPS negates x and y: (−7.75, −21, 22).
        TestVolumes.AssertClose(new Vector3D(-7.75, -21, 22), volume.VoxelToWorld(2, 3, 4), 1e-5);
        TestVolumes.AssertClose(new Vector3D(-10, -20, 30), volume.Origin, 1e-5);
        TestVolumes.AssertClose(new Vector3D(0.5, 0.75, 2), volume.Spacing, 1e-6);
    }

    [Fact]
    public void LidcStyleQformWithRotationByPiIsRead()
    {
        // quatern (b, c, d) = (0, 0, 1): a = 0, a 180° rotation about z, i.e. RAS x and y reversed: LPS axes.
        var header = new NiftiTestHeader
        {
            Dim = [3, 2, 2, 2, 1, 1, 1, 1],
            Pixdim = [1, 0.8f, 0.8f, 1.25f, 0, 0, 0, 0],
            QformCode = 1,
            Quaternion = [0, 0, 1, 136, -77, -232.5f],
        };
        using var folder = new TemporaryDirectory();
        string path = folder.File("lidc.nii");
        File.WriteAllBytes(path, header.File(header.Int16Data(new short[8])));

        CtVolume volume = NiftiReader.Read(path);

        TestVolumes.AssertClose(new Vector3D(-136, 77, -232.5), volume.Origin, 1e-5);
        TestVolumes.AssertClose(new Vector3D(1, 0, 0), volume.DirectionX, 1e-9);
        TestVolumes.AssertClose(new Vector3D(0, 1, 0), volume.DirectionY, 1e-9);
        TestVolumes.AssertClose(new Vector3D(0, 0, 1), volume.DirectionZ, 1e-9);
    }

    [Fact]
    public void SformTakesPrecedenceOverQform()
    {
        var header = new NiftiTestHeader
        {
            QformCode = 1,
            SformCode = 2,
            Quaternion = [0, 0, 0, 100, 100, 100],
            Srow = [0, -2, 0, 5, 3, 0, 0, 6, 0, 0, 4, 7],
        };
        using var folder = new TemporaryDirectory();
        string path = folder.File("sform.nii");
        File.WriteAllBytes(path, header.File(header.Int16Data(new short[8])));

        CtVolume volume = NiftiReader.Read(path);

        TestVolumes.AssertClose(new Vector3D(-5, -6, 7), volume.Origin, 1e-9);
        TestVolumes.AssertClose(new Vector3D(3, 2, 4), volume.Spacing, 1e-9);
        TestVolumes.AssertClose(new Vector3D(0, -1, 0), volume.DirectionX, 1e-9);
        TestVolumes.AssertClose(new Vector3D(1, 0, 0), volume.DirectionY, 1e-9);
        TestVolumes.AssertClose(new Vector3D(0, 0, 1), volume.DirectionZ, 1e-9);
        // Voxel (1, 1, 1): RAS (5 − 2, 6 + 3, 7 + 4) = (3, 9, 11); LPS (−3, −9, 11).
        TestVolumes.AssertClose(new Vector3D(-3, -9, 11), volume.VoxelToWorld(1, 1, 1), 1e-9);
    }

    [Fact]
    public void WithoutQformOrSformPixdimGivesTheSpacing()
    {
        var header = new NiftiTestHeader { Pixdim = [0, 0.5f, 0.25f, 3f, 0, 0, 0, 0] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("plain.nii");
        File.WriteAllBytes(path, header.File(header.Int16Data(new short[8])));

        CtVolume volume = NiftiReader.Read(path);

        TestVolumes.AssertClose(new Vector3D(0.5, 0.25, 3), volume.Spacing, 1e-9);
        TestVolumes.AssertClose(Vector3D.Zero, volume.Origin, 1e-9);
        TestVolumes.AssertClose(new Vector3D(-0.5, -0.25, 3), volume.VoxelToWorld(1, 1, 1), 1e-9);
    }

    public static TheoryData<short, byte[], short[]> Datatypes => new()
    {
        { 2, [0, 1, 200, 255], [0, 1, 200, 255] },
        { 256, [0x00, 0x7F, 0x80, 0xFF], [0, 127, -128, -1] },
        { 512, [0x00, 0x00, 0xFF, 0x7F, 0x00, 0x80, 0xFF, 0xFF], [0, short.MaxValue, short.MaxValue, short.MaxValue] },
        { 8, [0x18, 0xFC, 0xFF, 0xFF, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x05, 0x00, 0x00, 0x00], [-1000, short.MaxValue, short.MinValue, 5] },
        { 768, [0x00, 0x00, 0x00, 0x80, 0x07, 0x00, 0x00, 0x00, 0, 0, 0, 0, 1, 0, 0, 0], [short.MaxValue, 7, 0, 1] },
    };

    [Theory]
    [MemberData(nameof(Datatypes))]
    public void IntegerDatatypesAreClampedToShort(short datatype, byte[] data, short[] expected)
    {
        var header = new NiftiTestHeader { Dim = [3, 2, 2, 1, 1, 1, 1, 1], Datatype = datatype };
        using var folder = new TemporaryDirectory();
        string path = folder.File("types.nii");
        File.WriteAllBytes(path, header.File(data));

        Assert.Equal(expected, NiftiReader.Read(path).Voxels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FloatDataIsScaledRoundedAndClamped(bool bigEndian)
    {
        float[] values = [-1000.4f, 2.5f, -2.5f, 1e9f, -1e9f, float.NaN];
        var header = new NiftiTestHeader { BigEndian = bigEndian, Dim = [3, 6, 1, 1, 1, 1, 1, 1], Datatype = 16, SclSlope = 2, SclInter = 0.5f };
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4 * i), values[i]);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
            }
        }

        using var folder = new TemporaryDirectory();
        string path = folder.File("float.nii");
        File.WriteAllBytes(path, header.File(data));

        // 2·v + 0.5: −2000.3 → −2000, 5.5 → 6, −4.5 → −5 (half away from zero); out of range clamps; NaN is no data.
        Assert.Equal(new short[] { -2000, 6, -5, short.MaxValue, short.MinValue, short.MinValue }, NiftiReader.Read(path).Voxels);
    }

    [Fact]
    public void Float64BigEndianIsRead()
    {
        double[] values = [-1024, 40.6];
        var header = new NiftiTestHeader { BigEndian = true, Dim = [3, 2, 1, 1, 1, 1, 1, 1], Datatype = 64, SclSlope = 0, SclInter = 99 };
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(data, values[0]);
        BinaryPrimitives.WriteDoubleBigEndian(data.AsSpan(8), values[1]);
        using var folder = new TemporaryDirectory();
        string path = folder.File("double.nii");
        File.WriteAllBytes(path, header.File(data));

        // Slope 0 means no scaling: the intercept is ignored too.
        Assert.Equal(new short[] { -1024, 41 }, NiftiReader.Read(path).Voxels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Int16WithDcm2niixInterceptIsShifted(bool bigEndian)
    {
        var header = new NiftiTestHeader { BigEndian = bigEndian, Dim = [3, 4, 1, 1, 1, 1, 1, 1], SclInter = -1024 };
        using var folder = new TemporaryDirectory();
        string path = folder.File("shifted.nii.gz");
        File.WriteAllBytes(path, header.File(header.Int16Data(0, 1024, 3000, -32000), gzip: true));

        Assert.Equal(new short[] { -1024, 0, 1976, short.MinValue }, NiftiReader.Read(path).Voxels);
    }

    [Fact]
    public void VoxOffsetPastAnExtensionIsHonoured()
    {
        var header = new NiftiTestHeader { Dim = [3, 2, 1, 1, 1, 1, 1, 1], VoxOffset = 400 };
        byte[] file = header.File(header.Int16Data(11, -22));
        file[348] = 1;
        file.AsSpan(352, 48).Fill(0x55);
        using var folder = new TemporaryDirectory();
        string path = folder.File("extension.nii");
        File.WriteAllBytes(path, file);

        Assert.Equal(new short[] { 11, -22 }, NiftiReader.Read(path).Voxels);
    }

    [Fact]
    public void FourDimensionalFileWithOneVolumeIsRead()
    {
        var header = new NiftiTestHeader { Dim = [4, 2, 1, 1, 1, 1, 1, 1] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("4d.nii");
        File.WriteAllBytes(path, header.File(header.Int16Data(3, 4)));

        Assert.Equal(new short[] { 3, 4 }, NiftiReader.Read(path).Voxels);
    }

    [Fact]
    public void UncompressedFileNamedGzIsReadByItsMagicBytes()
    {
        var header = new NiftiTestHeader { Dim = [3, 2, 1, 1, 1, 1, 1, 1] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("not-really.nii.gz");
        File.WriteAllBytes(path, header.File(header.Int16Data(5, 6)));

        Assert.Equal(new short[] { 5, 6 }, VolumeFile.Read(path).Voxels);
    }

    [Fact]
    public void DataAfterTheVoxelsIsIgnored()
    {
        var header = new NiftiTestHeader { Dim = [3, 2, 1, 1, 1, 1, 1, 1] };
        using var folder = new TemporaryDirectory();
        string path = folder.File("trailing.nii.gz");
        File.WriteAllBytes(path, header.File(header.Int16Data(5, 6, 7, 8, 9), gzip: true));

        Assert.Equal(new short[] { 5, 6 }, NiftiReader.Read(path).Voxels);
    }

    [Fact]
    public void ReadMaskGivesZeroOrOne()
    {
        var header = new NiftiTestHeader { Dim = [3, 4, 1, 1, 1, 1, 1, 1], Datatype = 2 };
        using var folder = new TemporaryDirectory();
        string path = folder.File("mask.nii.gz");
        File.WriteAllBytes(path, header.File([0, 1, 255, 7], gzip: true));

        Assert.Equal(new short[] { 0, 1, 1, 1 }, NiftiReader.ReadMask(path).Voxels);
    }

    [Theory]
    [InlineData(new short[] { 4, 2, 2, 2, 2, 1, 1, 1 }, "dim[4] is 2")]
    [InlineData(new short[] { 1, 2, 1, 1, 1, 1, 1, 1 }, "dim[0] is 1")]
    [InlineData(new short[] { 8, 2, 1, 1, 1, 1, 1, 1 }, "dim[0] is 8")]
    public void UnsupportedDimensionalityIsReported(short[] dim, string reason)
    {
        var header = new NiftiTestHeader { Dim = dim };
        using var folder = new TemporaryDirectory();
        string path = folder.File("dims.nii");
        File.WriteAllBytes(path, header.File(new byte[64]));

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.FilePath);
    }

    [Theory]
    [InlineData(1, "datatype 1")]
    [InlineData(128, "datatype 128")]
    public void UnsupportedDatatypeIsReported(short datatype, string reason)
    {
        var header = new NiftiTestHeader { Datatype = datatype };
        using var folder = new TemporaryDirectory();
        string path = folder.File("datatype.nii");
        File.WriteAllBytes(path, header.File(new byte[64]));

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ni1", 348, "two-file")]
    [InlineData("xyz", 348, "magic")]
    [InlineData("n+2", 540, "NIfTI-2")]
    [InlineData("n+1", 1234, "sizeof_hdr")]
    public void OtherFormatsAreReported(string magic, int sizeofHdr, string reason)
    {
        var header = new NiftiTestHeader { Magic = magic, SizeofHdr = sizeofHdr };
        using var folder = new TemporaryDirectory();
        string path = folder.File("other.nii");
        File.WriteAllBytes(path, header.File(new byte[16]));

        var error = Assert.Throws<VolumeFormatException>(() => NiftiReader.Read(path));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
