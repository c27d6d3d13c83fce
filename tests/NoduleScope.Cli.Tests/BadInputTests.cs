using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Cli.Tests;

/// <summary>Every unusable input ends in exit code 2 and one line naming the file and the problem, never a stack trace.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("info")]
    [InlineData("convert")]
    public void EmptyFolderHasNoDicom(string command)
    {
        using var temp = new TestFolder();
        Directory.CreateDirectory(temp["empty"]);

        Run(command, temp["empty"], temp).AssertBadInput(temp["empty"], "no DICOM");
    }

    [Theory]
    [InlineData("info")]
    [InlineData("convert")]
    public void TextFileIsNotDicom(string command)
    {
        using var temp = new TestFolder();
        File.WriteAllText(temp["notes.txt"], "this is not a DICOM file\n");

        Run(command, temp["notes.txt"], temp).AssertBadInput(temp["notes.txt"], "not a DICOM file");
    }

    [Fact]
    public void FolderOfTextFilesHasNoDicom()
    {
        using var temp = new TestFolder();
        Directory.CreateDirectory(temp["docs"]);
        File.WriteAllText(Path.Combine(temp["docs"], "a.txt"), "hello");
        File.WriteAllText(Path.Combine(temp["docs"], "b.csv"), "1,2,3");

        Run("convert", temp["docs"], temp).AssertBadInput(temp["docs"], "no DICOM files found among 2 file(s)");
    }

    [Theory]
    [InlineData("info")]
    [InlineData("convert")]
    public void DicomFileCutInItsHeaderIsNamed(string command)
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        File.WriteAllBytes(temp["cut.dcm"], File.ReadAllBytes(phantom.Files[0])[..300]);

        Run(command, temp["cut.dcm"], temp).AssertBadInput("cut.dcm", "bytes");
    }

    [Fact]
    public void SliceCutInItsPixelDataIsNamed()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        byte[] bytes = File.ReadAllBytes(phantom.Files[5]);
        File.WriteAllBytes(phantom.Files[5], bytes[..(bytes.Length - 1000)]);

        Run("convert", phantom.Folder, temp).AssertBadInput(Path.GetFileName(phantom.Files[5]), "PixelData");
    }

    [Theory]
    [InlineData("info")]
    [InlineData("convert")]
    public void MissingSliceIsAGap(string command)
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        File.Delete(phantom.Files[8]);

        Run(command, phantom.Folder, temp).AssertBadInput(phantom.Folder, "gap", "missing");
        Assert.False(File.Exists(temp["out.nii"]));
    }

    [Fact]
    public void MissingSliceOfTheNamedSeriesIsAGap()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        File.Delete(phantom.Files[3]);

        CliResult.Run("convert", phantom.Folder, "-o", temp["out.nii"], "--series", PhantomSeries.SeriesUid)
            .AssertBadInput(PhantomSeries.SeriesUid, "gap", "missing");
    }

    [Fact]
    public void ManyUnusableSeriesAreSummarisedOnOneShortLine()
    {
        using var temp = new TestFolder();
        var volume = SyntheticChestPhantom.Create(32, 12, 2.5, seed: 1);
        for (int i = 1; i <= 5; i++)
        {
            var files = DicomSeriesWriter.Write(volume, temp[$"s{i}"], new DicomSeriesWriterOptions { Seed = $"series-{i}", StudyInstanceUid = "1.2.3", SeriesNumber = i });
            File.Delete(files[6]);
        }

        var result = CliResult.Run("info", temp.Path);

        result.AssertBadInput("no usable CT series among 5 series", "gap", "and 2 more", "nodulescope info");
        Assert.True(result.Stderr.Length < 600, result.Stderr);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("convert")]
    public void PathThatDoesNotExist(string command)
    {
        using var temp = new TestFolder();

        Run(command, temp["nothing-here"], temp).AssertBadInput(temp["nothing-here"], "no such file");
    }

    [Theory]
    [InlineData("info")]
    [InlineData("convert")]
    public void CorruptNiftiIsNamed(string command)
    {
        using var temp = new TestFolder();
        File.WriteAllBytes(temp["broken.nii"], new byte[100]);

        Run(command, temp["broken.nii"], temp).AssertBadInput(temp["broken.nii"]);
    }

    [Fact]
    public void UnwritableOutputIsNamed()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        File.WriteAllText(temp["file"], "a file, not a folder");

        CliResult.Run("convert", phantom.Folder, "-o", Path.Combine(temp["file"], "out.nii")).AssertBadInput("out.nii", "cannot write");
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("info")]
    [InlineData("convert", "somewhere")]
    [InlineData("info", "--no-such-option", "x")]
    public void CommandLineMistakesAreBadInput(params string[] args)
    {
        var result = CliResult.Run(args);

        result.AssertBadInput("--help");
    }

    [Fact]
    public void HelpAndVersionSucceed()
    {
        var help = CliResult.Run("--help");
        var version = CliResult.Run("--version");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("convert", help.Stdout);
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
    }

    private static CliResult Run(string command, string input, TestFolder temp) =>
        command == "convert" ? CliResult.Run("convert", input, "-o", temp["out.nii"]) : CliResult.Run("info", input);
}
