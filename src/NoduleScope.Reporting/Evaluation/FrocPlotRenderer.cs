using System.Globalization;
using ScottPlot;

namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// Draws the FROC curve like the LUNA16 plots: false positives per scan on a log₂ axis from 1/8 to 8, sensitivity from
/// 0 to 1, the bootstrap band and mean, the seven reference points marked, and the CPM in the title. Renders off
/// screen (SkiaSharp), so it works on headless machines.
/// </summary>
public static class FrocPlotRenderer
{
    private const double MinLog2Rate = -3;
    private const double MaxLog2Rate = 3;
    private const int CurveSamples = 601;

    /// <summary>Writes the plot as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    public static void SavePng(FrocEvaluation evaluation, string path, int width = 900, int height = 650, string? systemName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] png = RenderPng(evaluation, width, height, systemName);
        File.WriteAllBytes(path, png);
    }

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(FrocEvaluation evaluation, int width = 900, int height = 650, string? systemName = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        using var plot = Build(evaluation, systemName);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static Plot Build(FrocEvaluation evaluation, string? systemName)
    {
        var plot = new Plot();
        var blue = Color.FromHex("#1f5fbf");
        if (evaluation.Band is { } band)
        {
            AddBand(plot, band, blue);
        }

        if (evaluation.Counts.Nodules > 0)
        {
            double[] xs = new double[CurveSamples], ys = new double[CurveSamples];
            for (int i = 0; i < CurveSamples; i++)
            {
                xs[i] = MinLog2Rate + ((MaxLog2Rate - MinLog2Rate) * i / (CurveSamples - 1));
                ys[i] = evaluation.Curve.SensitivityAt(Math.Pow(2, xs[i]));
            }

            var curve = plot.Add.ScatterLine(xs, ys, blue);
            curve.LineWidth = 2.5f;
            curve.LegendText = systemName ?? "FROC";

            double[] pointXs = new double[evaluation.ReferencePoints.Count], pointYs = new double[evaluation.ReferencePoints.Count];
            for (int i = 0; i < pointXs.Length; i++)
            {
                pointXs[i] = Math.Log2(evaluation.ReferencePoints[i].FalsePositivesPerScan);
                pointYs[i] = evaluation.ReferencePoints[i].Sensitivity;
            }

            var points = plot.Add.Markers(pointXs, pointYs, MarkerShape.FilledCircle, 9, Color.FromHex("#d62728"));
            points.LegendText = "1/8 … 8 FPs/scan";
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [-3, -2, -1, 0, 1, 2, 3],
            ["0.125", "0.25", "0.5", "1", "2", "4", "8"]);
        double[] yTicks = new double[11];
        string[] yLabels = new string[11];
        for (int i = 0; i < yTicks.Length; i++)
        {
            yTicks[i] = i / 10.0;
            yLabels[i] = yTicks[i].ToString("0.0", CultureInfo.InvariantCulture);
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(yTicks, yLabels);
        // A little room beyond 1/8–8 and 0–1 so that markers on the edges are drawn whole.
        plot.Axes.SetLimits(MinLog2Rate - 0.08, MaxLog2Rate + 0.08, -0.02, 1.02);
        plot.XLabel("Average number of false positives per scan");
        plot.YLabel("Sensitivity");
        plot.Title(Title(evaluation, systemName));
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static void AddBand(Plot plot, FrocConfidenceBand band, Color color)
    {
        var xs = new List<double>(band.FalsePositivesPerScan.Count);
        var lower = new List<double>(xs.Capacity);
        var upper = new List<double>(xs.Capacity);
        var mean = new List<double>(xs.Capacity);
        for (int i = 0; i < band.FalsePositivesPerScan.Count; i++)
        {
            if (double.IsNaN(band.Lower[i]) || double.IsNaN(band.Upper[i]))
            {
                continue;
            }

            xs.Add(Math.Log2(band.FalsePositivesPerScan[i]));
            lower.Add(band.Lower[i]);
            upper.Add(band.Upper[i]);
            mean.Add(band.Mean[i]);
        }

        if (xs.Count < 2)
        {
            return;
        }

        double[] x = [.. xs];
        var fill = plot.Add.FillY(x, [.. lower], [.. upper]);
        fill.FillColor = color.WithAlpha(0.18);
        fill.LineWidth = 0;
        fill.LegendText = "bootstrap CI";
        var meanLine = plot.Add.ScatterLine(x, mean.ToArray(), color);
        meanLine.LinePattern = LinePattern.Dashed;
        meanLine.LineWidth = 1;
        meanLine.LegendText = "bootstrap mean";
    }

    private static string Title(FrocEvaluation evaluation, string? systemName)
    {
        string cpm = double.IsNaN(evaluation.Cpm) ? "n/a" : evaluation.Cpm.ToString("0.000", CultureInfo.InvariantCulture);
        string interval = evaluation.CpmInterval is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $" ({evaluation.Options.Confidence * 100:0.#}% CI {ci.Lower:0.000}-{ci.Upper:0.000})")
            : string.Empty;
        string name = string.IsNullOrWhiteSpace(systemName) ? "FROC" : $"FROC - {systemName}";
        return $"{name}: CPM {cpm}{interval}";
    }
}
