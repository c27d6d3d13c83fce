using System.Text.Json;

namespace NoduleScope.Cli.Tests;

public sealed class EvaluateCommandTests
{
    // Two scans, three nodules, five marks (the hand-computed case of the Reporting tests): CPM = 4/7.
    private const string Annotations = "seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2.1,0,0,0,10\n1.2.1,50,0,0,6\n1.2.2,0,0,0,8\n";
    private const string Predictions = "seriesuid,coordX,coordY,coordZ,probability\r\n1.2.1,1,0,0,0.9\r\n1.2.1,0,2,0,0.6\r\n1.2.1,100,0,0,0.8\r\n1.2.2,0,0,3,0.7\r\n1.2.2,30,0,0,0.5\r\n";
    private const string Excluded = "seriesuid,coordX,coordY,coordZ,diameter_mm\n1.2.2,-100,0,0,-1\n";
    private const string SeriesUids = "1.2.1\n1.2.2\n";

    [Fact]
    public void PrintsTheTableAndWritesPlotTableAndSummary()
    {
        using var temp = WriteInputs();

        var result = CliResult.Run(
            "evaluate", "--annotations", temp["a.csv"], "--excluded", temp["e.csv"], "--predictions", temp["p.csv"],
            "--seriesuids", temp["s.csv"], "-o", temp["out"], "--bootstrap", "50", "--threshold", "0.75");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Contains("2 scans, 3 nodules, 2 hit by some mark", result.Stdout);
        Assert.Contains("     1/8       0.3333", result.Stdout);
        Assert.Contains("CPM 0.5714 (95% CI", result.Stdout);
        Assert.Contains("50 bootstrap resamples", result.Stdout);
        Assert.Contains("nodules >= 6 mm", result.Stdout);
        Assert.Contains("Operating point (probability >= 0.75): sensitivity 0.3333 (1/3)", result.Stdout);
        Assert.Contains("Wrote froc.png, froc.csv, froc_curve.csv and evaluation.json", result.Stdout);

        byte[] png = File.ReadAllBytes(Path.Combine(temp["out"], "froc.png"));
        Assert.Equal((byte)'P', png[1]);
        Assert.StartsWith("point,fps_per_scan,sensitivity,ci_lower,ci_upper", File.ReadAllText(Path.Combine(temp["out"], "froc.csv")));
        Assert.StartsWith("fps_per_scan,sensitivity,threshold", File.ReadAllText(Path.Combine(temp["out"], "froc_curve.csv")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["out"], "evaluation.json")));
        Assert.Equal(4 / 7.0, summary.RootElement.GetProperty("cpm").GetDouble(), 1e-12);
        Assert.Equal(2, summary.RootElement.GetProperty("counts").GetProperty("scans").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("counts").GetProperty("excludedFindings").GetInt32());
        Assert.Equal(JsonValueKind.Object, summary.RootElement.GetProperty("cpmInterval").ValueKind);
    }

    [Fact]
    public void WithoutSeriesListWarnsThatScansAreInferred()
    {
        using var temp = WriteInputs();

        var result = CliResult.Run("evaluate", "--annotations", temp["a.csv"], "--predictions", temp["p.csv"], "-o", temp["out"], "--bootstrap", "0");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("nodulescope: warning: no --seriesuids: evaluating the 2 series", result.Stderr);
        Assert.Contains("CPM 0.5714", result.Stdout);
        Assert.DoesNotContain("CI", result.Stdout);
    }

    [Fact]
    public void MalformedPredictionsNameFileAndLine()
    {
        using var temp = WriteInputs();
        File.WriteAllText(temp["p.csv"], "seriesuid,coordX,coordY,coordZ,probability\n1.2.1,1,0,0,0.9\n1.2.1,1,0,zero,0.9\n");

        var result = CliResult.Run("evaluate", "--annotations", temp["a.csv"], "--predictions", temp["p.csv"], "-o", temp["out"]);

        result.AssertBadInput(temp["p.csv"] + ": line 3: coordZ 'zero' is not a finite number");
        Assert.False(Directory.Exists(temp["out"]));
    }

    [Fact]
    public void AnnotationsWithoutHeaderAreRefused()
    {
        using var temp = WriteInputs();
        File.WriteAllText(temp["a.csv"], "1.2.1,0,0,0,10\n");

        CliResult.Run("evaluate", "--annotations", temp["a.csv"], "--predictions", temp["p.csv"], "-o", temp["out"])
            .AssertBadInput("a.csv: line 1: the header has no column 'seriesuid'");
    }

    [Fact]
    public void DuplicateSeriesUidIsRefused()
    {
        using var temp = WriteInputs();
        File.WriteAllText(temp["s.csv"], "1.2.1\n1.2.1\n");

        CliResult.Run("evaluate", "--annotations", temp["a.csv"], "--predictions", temp["p.csv"], "--seriesuids", temp["s.csv"], "-o", temp["out"])
            .AssertBadInput("s.csv: line 2: series '1.2.1' is listed twice");
    }

    [Fact]
    public void MissingFileIsBadInput()
    {
        using var temp = WriteInputs();

        CliResult.Run("evaluate", "--annotations", temp["missing.csv"], "--predictions", temp["p.csv"], "-o", temp["out"])
            .AssertBadInput("missing.csv", "no such file");
    }

    [Fact]
    public void NothingToEvaluateIsBadInput()
    {
        using var temp = WriteInputs();
        File.WriteAllText(temp["a.csv"], "seriesuid,coordX,coordY,coordZ,diameter_mm\n");
        File.WriteAllText(temp["p.csv"], "seriesuid,coordX,coordY,coordZ,probability\n");

        CliResult.Run("evaluate", "--annotations", temp["a.csv"], "--predictions", temp["p.csv"], "-o", temp["out"])
            .AssertBadInput("p.csv", "no scans to evaluate");
    }

    [Theory]
    [InlineData("--predictions")]
    [InlineData("--annotations")]
    public void RequiredOptionsAreRequired(string missing)
    {
        using var temp = WriteInputs();
        var args = new List<string> { "evaluate", "-o", temp["out"] };
        if (missing != "--annotations")
        {
            args.AddRange(["--annotations", temp["a.csv"]]);
        }

        if (missing != "--predictions")
        {
            args.AddRange(["--predictions", temp["p.csv"]]);
        }

        CliResult.Run([.. args]).AssertBadInput(missing);
    }

    [Fact]
    public void NegativeBootstrapIsBadInput()
    {
        using var temp = WriteInputs();

        CliResult.Run("evaluate", "--annotations", temp["a.csv"], "--predictions", temp["p.csv"], "--bootstrap", "-3")
            .AssertBadInput("--bootstrap", "0 or more");
    }

    private static TestFolder WriteInputs()
    {
        var temp = new TestFolder();
        File.WriteAllText(temp["a.csv"], Annotations);
        File.WriteAllText(temp["p.csv"], Predictions);
        File.WriteAllText(temp["e.csv"], Excluded);
        File.WriteAllText(temp["s.csv"], SeriesUids);
        return temp;
    }
}
