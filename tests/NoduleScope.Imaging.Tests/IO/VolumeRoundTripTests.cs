using System.Buffers.Binary;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Imaging.Tests.IO;

public sealed class VolumeRoundTripTests
{
    public static TheoryData<string, bool, bool> Formats => new()
    {
        { "volume.nii", false, false },
        { "volume.nii.gz", false, false },
        { "volume.mhd", false, false },
        { "volume.mhd", true, false },
        { "volume.mha", false, false },
        { "volume.mha", true, false },
        { "volume.nii", false, true },
        { "volume.nii.gz", false, true },
        { "volume.mhd", true, true },
        { "volume.mha", false, true },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void WriteThenReadKeepsVoxelsAndObliqueGeometry(string name, bool compressMetaImage, bool leftHanded)
    {
        using var folder = new TemporaryDirectory();
        CtVolume original = TestVolumes.Oblique(leftHanded);
        string path = folder.File(name);

        VolumeFile.Write(original, path, compressMetaImage);
        CtVolume read = VolumeFile.Read(path);

        Assert.Equal(original.Voxels, read.Voxels);
        TestVolumes.AssertSameGeometry(original, read, 1e-5);
        Assert.Equal(path, read.Source.Path);
    }

    [Fact]
    public void CompressedMetaImageWritesZrawBesideTheHeader()
    {
        using var folder = new TemporaryDirectory();
        MetaImageWriter.Write(TestVolumes.Oblique(), folder.File("scan.mhd"), compress: true);

        string header = File.ReadAllText(folder.File("scan.mhd"));
        Assert.True(File.Exists(folder.File("scan.zraw")));
        Assert.Contains("ElementDataFile = scan.zraw", header, StringComparison.Ordinal);
        Assert.Contains("CompressedData = True", header, StringComparison.Ordinal);
        Assert.Contains($"CompressedDataSize = {new FileInfo(folder.File("scan.zraw")).Length}", header, StringComparison.Ordinal);
    }

    [Fact]
    public void MetaImageHeaderListsTheXAxisDirectionFirst()
    {
        using var folder = new TemporaryDirectory();
        var volume = new CtVolume(2, 2, 2, new Vector3D(1, 1, 1), Vector3D.Zero, new Vector3D(0, 1, 0), new Vector3D(-1, 0, 0), new Vector3D(0, 0, 1));
        MetaImageWriter.Write(volume, folder.File("axes.mha"));

        string header = File.ReadAllText(folder.File("axes.mha")).Split("ElementDataFile")[0];
        Assert.Contains("TransformMatrix = 0 1 0 -1 0 0 0 0 1", header, StringComparison.Ordinal);
        Assert.Contains("AnatomicalOrientation = ALI", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrittenQformAloneGivesTheSameGeometry(bool leftHanded)
    {
        using var folder = new TemporaryDirectory();
        CtVolume original = TestVolumes.Oblique(leftHanded);
        string path = folder.File("qform.nii");
        NiftiWriter.Write(original, path);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(252)));
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(254)));
        Assert.Equal(leftHanded ? -1f : 1f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(76)));
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(254), 0);
        File.WriteAllBytes(path, bytes);

        CtVolume read = NiftiReader.Read(path);

        // The quaternion is stored as float32, so the qform is a little less exact than the sform.
        TestVolumes.AssertSameGeometry(original, read, 1e-4);
    }

    [Fact]
    public void NiftiHeaderFollowsDcm2niixConventions()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("header.nii");
        NiftiWriter.Write(TestVolumes.Oblique(), path);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(348, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(4, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(70)));
        Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(72)));
        Assert.Equal(352f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(108)));
        Assert.Equal(1f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(112)));
        Assert.Equal(0f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(116)));
        Assert.Equal(2, bytes[123] & 7);
        Assert.Equal("n+1\0"u8.ToArray(), bytes[344..348]);
        Assert.Equal(352 + (7 * 6 * 5 * 2), bytes.Length);
    }
}
