using NoduleScope.TestSupport;

namespace NoduleScope.Cli.Tests;

public sealed class SynthCommandTests
{
    [Fact]
    public void RejectsAFolderWithoutNodulesCsvAndAnUnknownSplit()
    {
        using var temp = new TestFolder();

        var missing = CliResult.Run("synth", "--background", temp.Path, "--nodules", temp.Path, "-o", temp["out"]);
        var badSplit = CliResult.Run("synth", "--background", temp.Path, "--nodules", temp.Path, "--split", "all", "-o", temp["out"]);

        Assert.Equal(ExitCodes.BadInput, missing.ExitCode);
        Assert.Contains("nodules.csv", missing.Stderr);
        Assert.Equal(ExitCodes.BadInput, badSplit.ExitCode);
    }

    [Fact]
    public void InsertsHeldOutNodulesIntoARealCtAndWritesSeriesAndAnnotations()
    {
        string ct = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        string vois = SharedData.Require("data/lidc-vois");
        using var temp = new TestFolder();

        var result = CliResult.Run("synth", "--background", ct, "--nodules", vois, "--count", "3", "--split", "held-out", "--seed", "2", "-o", temp.Path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        string[] rows = File.ReadAllLines(temp["annotations.csv"]);
        Assert.Equal("seriesuid,coordX,coordY,coordZ,diameter_mm", rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.Equal(64, Directory.GetFiles(temp["synth-2"], "IM*.dcm").Length);
        Assert.True(File.Exists(temp["synth-2.json"]));
    }
}
