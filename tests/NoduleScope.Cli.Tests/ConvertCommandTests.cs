using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Cli.Tests;

public sealed class ConvertCommandTests
{
    [Theory]
    [InlineData("out.nii.gz")]
    [InlineData("out.nii")]
    [InlineData("out.mhd")]
    [InlineData("out.mha")]
    public void ConvertsThePhantomSeriesVoxelForVoxel(string name)
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        var result = CliResult.Run("convert", phantom.Folder, "-o", temp[name]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Contains($"Series: series 3 'Phantom chest' ({PhantomSeries.SeriesUid})", result.Stdout);
        Assert.Contains($"Wrote {temp[name]}: 48 x 48 x 16 voxels, spacing 2.5 x 2.5 x 2.5 mm", result.Stdout);
        var written = VolumeFile.Read(temp[name]);
        Assert.Equal(phantom.Volume.Voxels, written.Voxels);
        AssertSameGeometry(phantom.Volume, written);
    }

    [Fact]
    public void ConvertsTheSeriesNamedOnTheCommandLine()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        var result = CliResult.Run("convert", phantom.Folder, "--output", temp["named.nii"], "--series", PhantomSeries.SeriesUid);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("chosen by the user", result.Stdout);
        Assert.Equal(phantom.Volume.Voxels, VolumeFile.Read(temp["named.nii"]).Voxels);
    }

    [Fact]
    public void UnknownSeriesUidIsBadInput()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        var result = CliResult.Run("convert", phantom.Folder, "-o", temp["x.nii"], "--series", "1.2.3.4");

        result.AssertBadInput(phantom.Folder, "1.2.3.4", "not in the input");
        Assert.False(File.Exists(temp["x.nii"]));
    }

    [Fact]
    public void ConvertsNiftiToMetaImageAndBack()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        VolumeFile.Write(phantom.Volume, temp["a.nii"]);

        var toMetaImage = CliResult.Run("convert", temp["a.nii"], "-o", temp["b.mha"]);
        var back = CliResult.Run("convert", temp["b.mha"], "-o", temp["c.nii.gz"]);

        Assert.Equal(0, toMetaImage.ExitCode);
        Assert.Equal(0, back.ExitCode);
        Assert.Contains($"Read {temp["b.mha"]}", back.Stdout);
        var result = VolumeFile.Read(temp["c.nii.gz"]);
        Assert.Equal(phantom.Volume.Voxels, result.Voxels);
        AssertSameGeometry(phantom.Volume, result);
    }

    [Fact]
    public void SeriesOptionIsRefusedForVolumeInput()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        VolumeFile.Write(phantom.Volume, temp["a.nii"]);

        CliResult.Run("convert", temp["a.nii"], "-o", temp["b.nii"], "--series", "1.2.3").AssertBadInput(temp["a.nii"], "--series");
    }

    [Fact]
    public void UnknownOutputFormatIsRefusedBeforeAnyWork()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        CliResult.Run("convert", phantom.Folder, "-o", temp["out.png"]).AssertBadInput(temp["out.png"], ".nii.gz");
    }

    [Fact]
    public void ProgressOptionWorksWhenOutputIsNotATerminal()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        var result = CliResult.Run("convert", phantom.Folder, "-o", temp["p.nii"], "--progress");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Wrote ", result.Stdout);
        Assert.DoesNotContain("Assembling", result.Stdout);
        result.AssertNoStackTrace();
    }

    private static void AssertSameGeometry(CtVolume expected, CtVolume actual)
    {
        Assert.Equal((expected.SizeX, expected.SizeY, expected.SizeZ), (actual.SizeX, actual.SizeY, actual.SizeZ));
        foreach (var corner in new[] { new Vector3D(0, 0, 0), new Vector3D(expected.SizeX - 1, expected.SizeY - 1, expected.SizeZ - 1), new Vector3D(expected.SizeX - 1, 0, 3) })
        {
            Assert.True((expected.VoxelToWorld(corner) - actual.VoxelToWorld(corner)).Length < 1e-4, $"voxel {corner}");
        }
    }
}
