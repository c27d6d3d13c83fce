using NoduleScope.Imaging.IO;

namespace NoduleScope.Imaging.Tests.IO;

public sealed class VolumeFileTests
{
    [Theory]
    [InlineData("/data/scan.nii", VolumeFileFormat.Nifti)]
    [InlineData("scan.NII.GZ", VolumeFileFormat.NiftiGzip)]
    [InlineData("a.b/scan.mhd", VolumeFileFormat.MetaImage)]
    [InlineData("scan.mha", VolumeFileFormat.MetaImageSingleFile)]
    public void FormatIsDetectedFromTheExtension(string path, VolumeFileFormat expected)
    {
        Assert.Equal(expected, VolumeFile.DetectFormat(path));
    }

    [Theory]
    [InlineData("scan.dcm")]
    [InlineData("scan.gz")]
    [InlineData("scan")]
    public void UnknownExtensionIsReported(string path)
    {
        Assert.False(VolumeFile.TryDetectFormat(path, out _));
        var error = Assert.Throws<VolumeFormatException>(() => VolumeFile.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.Throws<ArgumentException>(() => VolumeFile.Write(TestVolumes.Oblique(), path));
    }

    [Fact]
    public void MaskIsReadFromMetaImageToo()
    {
        using var folder = new TemporaryDirectory();
        CtVolume volume = TestVolumes.Oblique();
        string path = folder.File("mask.mha");
        VolumeFile.Write(volume, path);

        CtVolume mask = VolumeFile.ReadMask(path);

        for (int i = 0; i < volume.Voxels.Length; i++)
        {
            Assert.Equal(volume.Voxels[i] != 0 ? 1 : 0, mask.Voxels[i]);
        }
    }
}
