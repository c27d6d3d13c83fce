using System.Text.Json;
using NoduleScope.Imaging.IO;
using NoduleScope.TestSupport;

namespace NoduleScope.Cli.Tests;

/// <summary>The CLI on real CT and on the hostile DICOM corpus in ../shared; skipped when that folder is absent.</summary>
public sealed class SharedDataTests
{
    [Fact]
    public void ConvertsARealImplicitVrSeries()
    {
        string folder = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        using var temp = new TestFolder();

        var info = CliResult.Run("info", folder, "--json");
        var convert = CliResult.Run("convert", folder, "-o", temp["a0001.nii.gz"]);

        Assert.Equal(0, info.ExitCode);
        using var json = JsonDocument.Parse(info.Stdout);
        var series = Assert.Single(json.RootElement.GetProperty("series").EnumerateArray());
        Assert.Equal("1.2.840.10008.1.2", series.GetProperty("transferSyntaxUid").GetString());
        Assert.Equal(64, series.GetProperty("slices").GetInt32());
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        var volume = VolumeFile.Read(temp["a0001.nii.gz"]);
        Assert.Equal((512, 512, 64), (volume.SizeX, volume.SizeY, volume.SizeZ));
    }

    [Fact]
    public void HostileCorpusNeverEndsInAnUnexpectedError()
    {
        string corpus = SharedData.Require("dicom-corpus");
        using var temp = new TestFolder();

        var info = CliResult.Run("info", corpus);
        var convert = CliResult.Run("convert", corpus, "-o", temp["corpus.nii"]);

        foreach (var result in new[] { info, convert })
        {
            Assert.True(result.ExitCode is 0 or 2, $"exit {result.ExitCode}: {result.Stderr}");
            Assert.True(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 1, result.Stderr);
            result.AssertNoStackTrace();
        }
    }
}
