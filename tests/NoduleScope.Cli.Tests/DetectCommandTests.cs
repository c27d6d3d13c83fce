using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli.Tests;

public sealed class DetectCommandTests
{
    [Fact]
    public void WritesFindingsAndCandidatesForAPhantomSeries()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"], slices: 40);
        string output = temp["out"];

        var result = CliResult.Run("detect", phantom.Folder, "-o", output);

        Assert.Equal(0, result.ExitCode);
        var document = FindingsJson.Read(Path.Combine(output, "findings.json"));
        Assert.Equal(FindingsDocument.SchemaId, document.Schema);
        Assert.Equal(PhantomSeries.SeriesUid, document.Input.SeriesInstanceUid);
        Assert.Equal([48, 48, 40], document.Input.Size);
        Assert.Equal(["lungs", "candidates", "segmentation and scoring", "findings"], document.Stages.Select(s => s.Name));
        double threshold = NoduleScope.Detection.NoduleDetectorOptions.DefaultThreshold;
        Assert.Equal(threshold, document.Threshold);
        Assert.All(document.Findings, f => Assert.True(f.Probability >= threshold && f.MeanDiameterMm >= 3));

        var lines = File.ReadAllLines(Path.Combine(output, "candidates.csv"));
        Assert.Equal("seriesuid,coordX,coordY,coordZ,probability", lines[0]);
        Assert.Equal(document.CandidateCount, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith(PhantomSeries.SeriesUid + ",", l));
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"finding(s) at threshold {threshold:0.###}"), result.Stdout);
        Assert.All(document.Findings, f => Assert.NotNull(f.Characterization?.LungRadsCategory));
        Assert.NotNull(document.Guidance?.LungRadsCategory);
        Assert.Contains("Exam: Lung-RADS", result.Stdout);
    }

    [Fact]
    public void RejectsAThresholdOutsideZeroToOne()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        var result = CliResult.Run("detect", phantom.Folder, "-o", temp["out"], "--threshold", "1.5");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--threshold", result.Stderr);
    }
}
