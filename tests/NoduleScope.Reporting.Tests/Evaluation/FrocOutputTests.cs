using System.Text.Json;
using NoduleScope.Reporting.Evaluation;
using SkiaSharp;

namespace NoduleScope.Reporting.Tests.Evaluation;

public sealed class FrocOutputTests
{
    private static readonly FrocEvaluation HandCase = new FrocEvaluator(new FrocEvaluationOptions { BootstrapSamples = 0, OperatingThreshold = 0.75 })
        .Evaluate(FrocEvaluatorTests.TwoScanNodules(), [], FrocEvaluatorTests.TwoScanMarks(), ["s1", "s2"]);

    private static readonly FrocEvaluation BootstrappedCase = SyntheticDetectorCase.Create(60, 3).Evaluate(new FrocEvaluationOptions { BootstrapSamples = 200 });

    [Fact]
    public void TextTableListsTheSevenPointsAndTheCpm()
    {
        using var writer = new StringWriter();

        FrocTableWriter.WriteText(HandCase, writer);

        string text = writer.ToString();
        Assert.Contains("2 scans, 3 nodules, 2 hit by some mark", text, StringComparison.Ordinal);
        Assert.Contains("     1/8       0.3333", text, StringComparison.Ordinal);
        Assert.Contains("       8       0.6667", text, StringComparison.Ordinal);
        Assert.Contains("CPM 0.5714", text, StringComparison.Ordinal);
        Assert.Contains("Sensitivity at 4 FPs/scan, nodules >= 6 mm: 0.6667, 3 nodules", text, StringComparison.Ordinal);
        Assert.Contains("Operating point (probability >= 0.75): sensitivity 0.3333 (1/3), 0.5 FPs/scan (1 false positives)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TextTableShowsIntervalsWhenBootstrapped()
    {
        using var writer = new StringWriter();

        FrocTableWriter.WriteText(BootstrappedCase, writer);

        Assert.Contains("FPs/scan  Sensitivity  95% CI", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("200 bootstrap resamples of the scans, seed 2016", FrocTableWriter.CpmLine(BootstrappedCase), StringComparison.Ordinal);
    }

    [Fact]
    public void CsvTableHasOneRowPerPointAndTheCpm()
    {
        using var writer = new StringWriter();

        FrocTableWriter.WriteCsv(HandCase, writer);

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, lines.Length);
        Assert.Equal("point,fps_per_scan,sensitivity,ci_lower,ci_upper", lines[0]);
        Assert.StartsWith("1/8,0.125,0.333333", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("CPM,,0.571428", lines[8], StringComparison.Ordinal);
    }

    [Fact]
    public void CurveCsvListsEveryPoint()
    {
        using var writer = new StringWriter();

        FrocTableWriter.WriteCurveCsv(HandCase.Curve, writer);

        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["fps_per_scan,sensitivity,threshold", "0,0,inf", "0,0.3333333333333333,0.9", "0.5,0.3333333333333333,0.8", "0.5,0.6666666666666666,0.7", "1,0.6666666666666666,0.5"], lines);
    }

    [Fact]
    public void JsonSummaryHoldsCpmIntervalPointsAndCounts()
    {
        using var document = JsonDocument.Parse(FrocSummaryJsonWriter.ToJson(BootstrappedCase));
        var root = document.RootElement;

        Assert.Equal(BootstrappedCase.Cpm, root.GetProperty("cpm").GetDouble());
        Assert.Equal(BootstrappedCase.CpmInterval!.Lower, root.GetProperty("cpmInterval").GetProperty("lower").GetDouble());
        Assert.Equal(7, root.GetProperty("points").GetArrayLength());
        Assert.Equal(0.125, root.GetProperty("points")[0].GetProperty("falsePositivesPerScan").GetDouble());
        Assert.Equal(60, root.GetProperty("counts").GetProperty("scans").GetInt32());
        Assert.Equal(BootstrappedCase.Counts.FalsePositives, root.GetProperty("counts").GetProperty("falsePositives").GetInt32());
        Assert.Equal(2, root.GetProperty("sizeBuckets").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("operatingPoint").ValueKind);
        Assert.Equal(200, root.GetProperty("settings").GetProperty("bootstrapSamples").GetInt32());
    }

    [Fact]
    public void JsonWritesUndefinedNumbersAsNull()
    {
        var noNodules = new FrocEvaluator(new FrocEvaluationOptions { BootstrapSamples = 10 })
            .Evaluate([], [], [new CandidatePrediction("a", 0, 0, 0, 0.5)], ["a"]);

        using var document = JsonDocument.Parse(FrocSummaryJsonWriter.ToJson(noNodules));

        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("cpm").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("cpmInterval").ValueKind);
    }

    [Theory]
    [InlineData(900, 650)]
    [InlineData(400, 300)]
    public void PngIsWrittenAtTheRequestedSizeAndIsNotBlank(int width, int height)
    {
        string path = Path.Combine(Path.GetTempPath(), $"nodulescope-froc-{Guid.NewGuid():N}.png");
        try
        {
            FrocPlotRenderer.SavePng(BootstrappedCase, path, width, height);

            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.NotNull(bitmap);
            Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
            Assert.True(CountColoured(bitmap) > width, "the plot has drawn (non-white) pixels");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void PngOfAnEvaluationWithoutNodulesStillRenders()
    {
        var noNodules = new FrocEvaluator(new FrocEvaluationOptions { BootstrapSamples = 0 })
            .Evaluate([], [], [new CandidatePrediction("a", 0, 0, 0, 0.5)], ["a"]);

        using var bitmap = SKBitmap.Decode(FrocPlotRenderer.RenderPng(noNodules, 300, 200));

        Assert.Equal(300, bitmap.Width);
    }

    /// <summary>Pixels that are clearly not white or grey: the blue curve and band, the red points.</summary>
    private static int CountColoured(SKBitmap bitmap)
    {
        int coloured = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (Math.Abs(pixel.Red - pixel.Blue) > 60)
                {
                    coloured++;
                }
            }
        }

        return coloured;
    }
}
