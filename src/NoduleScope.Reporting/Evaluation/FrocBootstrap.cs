namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// Bootstrap of the official script: the scans are drawn with replacement (as many as there are), each resample's
/// FROC curve is built from the drawn scans' entries and read at the rates of interest; an interval runs from the
/// sorted values at floor(p·n) and floor((1 − p)·n), p = (1 − confidence) / 2. Resamples without any nodule of a
/// statistic's set leave that statistic out (the official script would give NaN).
/// </summary>
internal static class FrocBootstrap
{
    private const int BandStepsPerDoubling = 20;

    /// <summary>Log-spaced rates from 1/8 to 8 false positives per scan, where the band is computed.</summary>
    public static double[] BandRates()
    {
        double[] rates = new double[(6 * BandStepsPerDoubling) + 1];
        for (int i = 0; i < rates.Length; i++)
        {
            rates[i] = 0.125 * Math.Pow(2.0, (double)i / BandStepsPerDoubling);
        }

        return rates;
    }

    public static FrocBootstrapResult Run(FrocSamples samples, FrocEvaluationOptions options, IReadOnlyList<double> referenceRates, CancellationToken cancellationToken)
    {
        int resamples = options.BootstrapSamples;
        int scans = samples.ScanCount;
        var bucketMins = options.SizeBucketMinDiametersMm;
        double[] bandRates = BandRates();
        double[] cpm = new double[resamples];
        double[][] points = NewColumns(referenceRates.Count, resamples);
        double[][] buckets = NewColumns(bucketMins.Count, resamples);
        double[][] band = NewColumns(bandRates.Length, resamples);

        var random = new Random(options.Seed);
        int[] weights = new int[scans];
        double[] fps = new double[samples.MaxPoints], sens = new double[samples.MaxPoints], thresholds = new double[samples.MaxPoints];
        for (int s = 0; s < resamples; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(weights);
            for (int i = 0; i < scans; i++)
            {
                weights[random.Next(scans)]++;
            }

            int count = samples.BuildCurve(weights, double.NegativeInfinity, fps, sens, thresholds);
            ReadOnlySpan<double> curveFps = fps.AsSpan(0, count), curveSens = sens.AsSpan(0, count);
            double sum = 0;
            for (int r = 0; r < referenceRates.Count; r++)
            {
                double value = FrocCurve.Interpolate(curveFps, curveSens, referenceRates[r]);
                points[r][s] = value;
                sum += value;
            }

            cpm[s] = sum / referenceRates.Count;
            for (int g = 0; g < bandRates.Length; g++)
            {
                band[g][s] = FrocCurve.Interpolate(curveFps, curveSens, bandRates[g]);
            }

            for (int b = 0; b < bucketMins.Count; b++)
            {
                count = samples.BuildCurve(weights, bucketMins[b], fps, sens, thresholds);
                buckets[b][s] = FrocCurve.Interpolate(fps.AsSpan(0, count), sens.AsSpan(0, count), options.SizeBucketFalsePositivesPerScan);
            }
        }

        double tail = (1.0 - options.Confidence) / 2.0;
        var pointIntervals = new ConfidenceInterval?[points.Length];
        for (int r = 0; r < points.Length; r++)
        {
            pointIntervals[r] = Interval(points[r], tail, out _);
        }

        var bucketIntervals = new ConfidenceInterval?[buckets.Length];
        for (int b = 0; b < buckets.Length; b++)
        {
            bucketIntervals[b] = Interval(buckets[b], tail, out _);
        }

        double[] mean = new double[bandRates.Length], lower = new double[bandRates.Length], upper = new double[bandRates.Length];
        for (int g = 0; g < bandRates.Length; g++)
        {
            var interval = Interval(band[g], tail, out mean[g]);
            lower[g] = interval?.Lower ?? double.NaN;
            upper[g] = interval?.Upper ?? double.NaN;
        }

        return new FrocBootstrapResult(Interval(cpm, tail, out _), pointIntervals, bucketIntervals, new FrocConfidenceBand(bandRates, mean, lower, upper));
    }

    /// <summary>Sorts <paramref name="values"/> in place and returns the percentile interval of its non-NaN values.</summary>
    private static ConfidenceInterval? Interval(double[] values, double tail, out double mean)
    {
        Array.Sort(values);
        int first = 0;
        while (first < values.Length && double.IsNaN(values[first]))
        {
            first++;
        }

        int valid = values.Length - first;
        if (valid == 0)
        {
            mean = double.NaN;
            return null;
        }

        double sum = 0;
        for (int i = first; i < values.Length; i++)
        {
            sum += values[i];
        }

        mean = sum / valid;
        int lower = Math.Min((int)Math.Floor(tail * valid), valid - 1);
        int upper = Math.Min((int)Math.Floor((1.0 - tail) * valid), valid - 1);
        return new ConfidenceInterval(values[first + lower], values[first + upper]);
    }

    private static double[][] NewColumns(int columns, int rows)
    {
        double[][] result = new double[columns][];
        for (int i = 0; i < columns; i++)
        {
            result[i] = new double[rows];
        }

        return result;
    }
}
