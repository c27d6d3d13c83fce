using System.Text.Json;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Cli.Tests;

public sealed class InfoCommandTests
{
    [Fact]
    public void ListsThePhantomSeriesAndSaysWhyItIsSelected()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        var result = CliResult.Run("info", phantom.Folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Contains(PhantomSeries.StudyUid, result.Stdout);
        Assert.Contains(PhantomSeries.SeriesUid, result.Stdout);
        Assert.Contains("Phantom chest", result.Stdout);
        Assert.Contains("2.5 x 2.5 x 2.5", result.Stdout);
        Assert.Contains("Explicit VR Little Endian", result.Stdout);
        Assert.Contains($"Selected: series 3 'Phantom chest' ({PhantomSeries.SeriesUid}): axial CT, 16 slices", result.Stdout);
    }

    [Fact]
    public void JsonUsesTheDocumentedPropertyNames()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        var result = CliResult.Run("info", phantom.Folder, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(phantom.Folder, root.GetProperty("input").GetString());
        Assert.Equal(16, root.GetProperty("filesSeen").GetInt32());
        Assert.Equal(0, root.GetProperty("nonDicomSkipped").GetInt32());
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("volume").ValueKind);
        var series = Assert.Single(root.GetProperty("series").EnumerateArray());
        Assert.Equal(PhantomSeries.StudyUid, series.GetProperty("studyInstanceUid").GetString());
        Assert.Equal(PhantomSeries.SeriesUid, series.GetProperty("seriesInstanceUid").GetString());
        Assert.Equal(3, series.GetProperty("seriesNumber").GetInt32());
        Assert.Equal("Phantom chest", series.GetProperty("seriesDescription").GetString());
        Assert.Equal("CT", series.GetProperty("modality").GetString());
        Assert.Equal(16, series.GetProperty("slices").GetInt32());
        Assert.Equal(16, series.GetProperty("instances").GetInt32());
        Assert.Equal(48, series.GetProperty("rows").GetInt32());
        Assert.Equal([2.5, 2.5, 2.5], series.GetProperty("spacingMm").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(2.5, series.GetProperty("sliceThicknessMm").GetDouble());
        Assert.Equal("LUNG", series.GetProperty("convolutionKernel").GetString());
        Assert.Equal("1.2.840.10008.1.2.1", series.GetProperty("transferSyntaxUid").GetString());
        Assert.True(series.GetProperty("usable").GetBoolean());
        Assert.Equal(JsonValueKind.Number, series.GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Null, series.GetProperty("problem").ValueKind);
        Assert.Equal(0, series.GetProperty("warnings").GetArrayLength());
        var selected = root.GetProperty("selected");
        Assert.Equal(PhantomSeries.SeriesUid, selected.GetProperty("seriesInstanceUid").GetString());
        Assert.Contains("axial CT", selected.GetProperty("reason").GetString());
    }

    [Fact]
    public void SeriesWithAGapIsListedAsUnusableAndExitsTwo()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        File.Delete(phantom.Files[7]);

        var result = CliResult.Run("info", phantom.Folder);

        result.AssertBadInput(phantom.Folder, "gap", "missing slice");
        Assert.Contains(PhantomSeries.SeriesUid, result.Stdout);
        Assert.Contains("not usable: gap in the series", result.Stdout);
        Assert.Contains("Selected: none", result.Stdout);
    }

    [Fact]
    public void DescribesAVolumeFile()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        VolumeFile.Write(phantom.Volume, temp["phantom.nii.gz"]);

        var plain = CliResult.Run("info", temp["phantom.nii.gz"]);
        var json = CliResult.Run("info", temp["phantom.nii.gz"], "--json");

        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("gzip-compressed NIfTI-1 volume", plain.Stdout);
        Assert.Contains("48 x 48 x 16 voxels", plain.Stdout);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        var volume = document.RootElement.GetProperty("volume");
        Assert.Equal("NiftiGzip", volume.GetProperty("format").GetString());
        Assert.Equal([48, 48, 16], volume.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0, document.RootElement.GetProperty("series").GetArrayLength());
    }

    [Fact]
    public void JsonIsPrintedEvenWhenNothingIsFound()
    {
        using var temp = new TestFolder();

        var result = CliResult.Run("info", temp.Path, "--json");

        result.AssertBadInput("no DICOM");
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("series").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("selected").GetProperty("seriesInstanceUid").ValueKind);
    }
}
