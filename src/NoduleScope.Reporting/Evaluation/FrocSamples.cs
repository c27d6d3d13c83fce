namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// What a FROC curve is built from once the marks are matched (the official script's FROCGTList/FROCProbList): one
/// scored entry per hit nodule (its best mark) and per false positive, sorted from the most to the least probable,
/// plus every nodule (hit or missed) for the denominators. Curves are built in one pass with a weight per scan, so
/// that a bootstrap resample (scans drawn with replacement) needs no sorting.
/// </summary>
internal sealed class FrocSamples
{
    private readonly double[] entryProbability;
    private readonly int[] entryScan;

    /// <summary>The hit nodule's diameter, or NaN for a false positive.</summary>
    private readonly double[] entryDiameter;
    private readonly int[] noduleScan;
    private readonly double[] noduleDiameter;

    public FrocSamples(int scanCount, double[] entryProbability, int[] entryScan, double[] entryDiameter, int[] noduleScan, double[] noduleDiameter)
    {
        ScanCount = scanCount;
        double[] keys = new double[entryProbability.Length];
        int[] order = new int[entryProbability.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = -entryProbability[i];
            order[i] = i;
        }

        Array.Sort(keys, order);
        this.entryProbability = new double[order.Length];
        this.entryScan = new int[order.Length];
        this.entryDiameter = new double[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            this.entryProbability[i] = entryProbability[order[i]];
            this.entryScan[i] = entryScan[order[i]];
            this.entryDiameter[i] = entryDiameter[order[i]];
        }

        this.noduleScan = noduleScan;
        this.noduleDiameter = noduleDiameter;
    }

    public int ScanCount { get; }

    /// <summary>Points of the longest curve (one per entry plus the origin): the size of the buffers for <see cref="BuildCurve"/>.</summary>
    public int MaxPoints => entryProbability.Length + 1;

    public int NoduleCount(double minDiameterMm)
    {
        int count = 0;
        foreach (double diameter in noduleDiameter)
        {
            if (diameter >= minDiameterMm)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The curve of all marks for the nodules of at least <paramref name="minDiameterMm"/>.</summary>
    public FrocCurve Curve(double minDiameterMm)
    {
        double[] fps = new double[MaxPoints], sens = new double[MaxPoints], thresholds = new double[MaxPoints];
        int count = BuildCurve([], minDiameterMm, fps, sens, thresholds);
        return new FrocCurve(fps[..count], sens[..count], thresholds[..count]);
    }

    /// <summary>
    /// Writes the curve into the buffers and returns its number of points. Each scan counts
    /// <paramref name="scanWeights"/>[scan] times (once each when empty); the false-positive rate is always divided by
    /// <see cref="ScanCount"/>, as the official bootstrap does. Hits on nodules smaller than
    /// <paramref name="minDiameterMm"/> are skipped (neither hits nor false positives). The sensitivity is NaN when no
    /// nodule counts.
    /// </summary>
    public int BuildCurve(ReadOnlySpan<int> scanWeights, double minDiameterMm, Span<double> fps, Span<double> sens, Span<double> thresholds)
    {
        bool weighted = !scanWeights.IsEmpty;
        long nodules = 0;
        for (int i = 0; i < noduleDiameter.Length; i++)
        {
            if (noduleDiameter[i] >= minDiameterMm)
            {
                nodules += weighted ? scanWeights[noduleScan[i]] : 1;
            }
        }

        double scans = ScanCount;
        double noduleTotal = nodules > 0 ? nodules : double.NaN;
        fps[0] = 0;
        sens[0] = nodules > 0 ? 0 : double.NaN;
        thresholds[0] = double.PositiveInfinity;
        int count = 1;
        long hits = 0, falsePositives = 0;
        int last = entryProbability.Length - 1;
        for (int i = 0; i <= last; i++)
        {
            int weight = weighted ? scanWeights[entryScan[i]] : 1;
            double diameter = entryDiameter[i];
            if (double.IsNaN(diameter))
            {
                falsePositives += weight;
            }
            else if (diameter >= minDiameterMm)
            {
                hits += weight;
            }

            // Marks with equal probabilities pass a threshold together: one point per distinct probability.
            if (i == last || entryProbability[i + 1] != entryProbability[i])
            {
                fps[count] = falsePositives / scans;
                sens[count] = hits / noduleTotal;
                thresholds[count] = entryProbability[i];
                count++;
            }
        }

        return count;
    }

    /// <summary>Sensitivity and false positives of the marks scored at or above <paramref name="threshold"/>.</summary>
    public ThresholdOperatingPoint OperatingPoint(double threshold)
    {
        int hits = 0, falsePositives = 0;
        for (int i = 0; i < entryProbability.Length && entryProbability[i] >= threshold; i++)
        {
            if (double.IsNaN(entryDiameter[i]))
            {
                falsePositives++;
            }
            else
            {
                hits++;
            }
        }

        int nodules = noduleDiameter.Length;
        return new ThresholdOperatingPoint(
            threshold,
            hits,
            nodules,
            nodules > 0 ? (double)hits / nodules : double.NaN,
            falsePositives,
            (double)falsePositives / ScanCount);
    }
}
