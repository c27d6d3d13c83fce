using System.Globalization;

namespace NoduleScope.Reporting.Evaluation;

/// <summary>Writes a <see cref="FrocEvaluation"/> as a plain-text report, as the FROC table in CSV, and as the full curve in CSV.</summary>
public static class FrocTableWriter
{
    private static readonly string[] RateNames = ["1/8", "1/4", "1/2", "1", "2", "4", "8"];

    /// <summary>The counts, the table of the seven reference points, the CPM, the size buckets and the operating point.</summary>
    public static void WriteText(FrocEvaluation evaluation, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(writer);
        var c = evaluation.Counts;
        string percent = Percent(evaluation.Options.Confidence);
        writer.WriteLine(Invariant($"{c.Scans} scans{(evaluation.ScansInferred ? " (taken from the annotations and predictions: no series list given)" : string.Empty)}, {c.Nodules} nodules, {c.DetectedNodules} hit by some mark"));
        writer.WriteLine(Invariant($"{c.Candidates} marks: {c.HitCandidates} on nodules ({c.DuplicateHits} duplicate hits counted once), {c.IgnoredOnExcludedFindings} ignored on excluded findings, {c.FalsePositives} false positives"));
        if (c.CandidatesDroppedByCap > 0)
        {
            writer.WriteLine(Invariant($"{c.CandidatesDroppedByCap} marks dropped by the cap of {evaluation.Options.MaxCandidatesPerScan} per scan"));
        }

        if (c.PredictionsOutsideScans > 0 || c.AnnotationsOutsideScans > 0)
        {
            writer.WriteLine(Invariant($"ignored (series not in the list): {c.PredictionsOutsideScans} predictions, {c.AnnotationsOutsideScans} annotations"));
        }

        writer.WriteLine();
        bool intervals = evaluation.Options.BootstrapSamples > 0;
        writer.WriteLine(intervals ? $"FPs/scan  Sensitivity  {percent} CI" : "FPs/scan  Sensitivity");
        for (int i = 0; i < evaluation.ReferencePoints.Count; i++)
        {
            var point = evaluation.ReferencePoints[i];
            string rate = RateName(i, point.FalsePositivesPerScan);
            string line = $"{rate,8}  {Fixed(point.Sensitivity),11}";
            writer.WriteLine(intervals ? $"{line}  {Range(point.Interval)}" : line);
        }

        writer.WriteLine();
        writer.WriteLine(CpmLine(evaluation));
        foreach (var bucket in evaluation.SizeBuckets)
        {
            string interval = bucket.Interval is null ? string.Empty : $" ({percent} CI {Range(bucket.Interval)})";
            writer.WriteLine(Invariant($"Sensitivity at {Number(bucket.FalsePositivesPerScan)} FPs/scan, nodules >= {Number(bucket.MinDiameterMm)} mm: {Fixed(bucket.Sensitivity)}{interval}, {bucket.NoduleCount} nodules"));
        }

        if (evaluation.OperatingPoint is { } op)
        {
            writer.WriteLine(Invariant($"Operating point (probability >= {Number(op.Threshold)}): sensitivity {Fixed(op.Sensitivity)} ({op.DetectedNodules}/{op.NoduleCount}), {op.FalsePositivesPerScan:0.###} FPs/scan ({op.FalsePositives} false positives)"));
        }
    }

    /// <summary>One line: the CPM with its interval and how the interval was obtained.</summary>
    public static string CpmLine(FrocEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var options = evaluation.Options;
        return evaluation.CpmInterval is { } interval
            ? Invariant($"CPM {Fixed(evaluation.Cpm)} ({Percent(options.Confidence)} CI {Range(interval)}; {options.BootstrapSamples} bootstrap resamples of the scans, seed {options.Seed})")
            : $"CPM {Fixed(evaluation.Cpm)}";
    }

    /// <summary>
    /// The FROC table: <c>point,fps_per_scan,sensitivity,ci_lower,ci_upper</c>, one row per reference rate and a last
    /// row <c>CPM</c> (empty rate). Undefined values are empty.
    /// </summary>
    public static void WriteCsv(FrocEvaluation evaluation, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("point,fps_per_scan,sensitivity,ci_lower,ci_upper");
        for (int i = 0; i < evaluation.ReferencePoints.Count; i++)
        {
            var point = evaluation.ReferencePoints[i];
            writer.WriteLine($"{RateName(i, point.FalsePositivesPerScan)},{Csv(point.FalsePositivesPerScan)},{Csv(point.Sensitivity)},{Csv(point.Interval?.Lower)},{Csv(point.Interval?.Upper)}");
        }

        writer.WriteLine($"CPM,,{Csv(evaluation.Cpm)},{Csv(evaluation.CpmInterval?.Lower)},{Csv(evaluation.CpmInterval?.Upper)}");
    }

    /// <summary>Every point of the curve: <c>fps_per_scan,sensitivity,threshold</c> (the first threshold is <c>inf</c>).</summary>
    public static void WriteCurveCsv(FrocCurve curve, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("fps_per_scan,sensitivity,threshold");
        for (int i = 0; i < curve.Count; i++)
        {
            double threshold = curve.Thresholds[i];
            string thresholdText = double.IsPositiveInfinity(threshold) ? "inf" : Csv(threshold);
            writer.WriteLine($"{Csv(curve.FalsePositivesPerScan[i])},{Csv(curve.Sensitivity[i])},{thresholdText}");
        }
    }

    private static string RateName(int index, double rate) =>
        index < RateNames.Length && rate == FrocEvaluator.ReferenceFalsePositiveRates[index] ? RateNames[index] : Number(rate);

    private static string Range(ConfidenceInterval? interval) =>
        interval is null ? "n/a" : $"{Fixed(interval.Lower)}-{Fixed(interval.Upper)}";

    private static string Fixed(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double confidence) => (confidence * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Csv(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
