namespace NoduleScope.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public void GeneratesThePhantomAndRunsInfoAndConvertOnIt()
    {
        using var temp = new TestFolder();

        var result = CliResult.Run("demo", "-o", temp.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(DemoCommand.PhantomSlices, Directory.GetFiles(temp["dicom"], "IM*.dcm").Length);
        Assert.True(File.Exists(temp["phantom.nii.gz"]));
        Assert.Contains("ground-glass", result.Stdout);
        Assert.Contains("$ nodulescope info", result.Stdout);
        Assert.Contains("Selected: series 1", result.Stdout);
        Assert.Contains("$ nodulescope convert", result.Stdout);
        Assert.Contains("voxel for voxel", result.Stdout);
    }

    [Fact]
    public void RunningTwiceIntoTheSameFolderGivesTheSameSeries()
    {
        using var temp = new TestFolder();

        var (firstCode, first) = SmallDemo(temp.Path);
        var (secondCode, second) = SmallDemo(temp.Path);

        Assert.Equal(0, firstCode);
        Assert.Equal(0, secondCode);
        Assert.Equal(first, second);
    }

    private static (int Code, string Stdout) SmallDemo(string folder)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var session = new CliSession(stdout, stderr, stdoutIsTerminal: false, CancellationToken.None);
        int code = DemoCommand.Execute(session, folder, size: 64, slices: 12);
        Assert.Equal(string.Empty, stderr.ToString());
        return (code, stdout.ToString());
    }
}
