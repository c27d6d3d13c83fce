namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// A FROC curve: one point per distinct mark probability, from the most to the least probable, starting at (0, 0)
/// with an infinite threshold. Between points it is read by linear interpolation exactly like numpy's <c>interp</c>
/// in the official script: at a rate shared by several points the last (highest) one wins, and past the last point
/// the sensitivity stays at its final value.
/// </summary>
public sealed class FrocCurve
{
    private readonly double[] falsePositivesPerScan;
    private readonly double[] sensitivity;
    private readonly double[] thresholds;

    internal FrocCurve(double[] falsePositivesPerScan, double[] sensitivity, double[] thresholds)
    {
        this.falsePositivesPerScan = falsePositivesPerScan;
        this.sensitivity = sensitivity;
        this.thresholds = thresholds;
    }

    /// <summary>Average false positives per scan of the marks scored at or above each threshold.</summary>
    public IReadOnlyList<double> FalsePositivesPerScan => falsePositivesPerScan;

    /// <summary>Fraction of the nodules hit by a mark scored at or above each threshold.</summary>
    public IReadOnlyList<double> Sensitivity => sensitivity;

    /// <summary>The probability of each point; the first is +∞.</summary>
    public IReadOnlyList<double> Thresholds => thresholds;

    public int Count => falsePositivesPerScan.Length;

    /// <summary>The sensitivity at <paramref name="rate"/> false positives per scan.</summary>
    public double SensitivityAt(double rate) => Interpolate(falsePositivesPerScan, sensitivity, rate);

    /// <summary>numpy.interp(rate, fps, sens) for non-decreasing <paramref name="fps"/> (duplicates allowed).</summary>
    internal static double Interpolate(ReadOnlySpan<double> fps, ReadOnlySpan<double> sens, double rate)
    {
        if (fps.IsEmpty)
        {
            return double.NaN;
        }

        if (rate < fps[0])
        {
            return sens[0];
        }

        // The last point at or left of the rate.
        int low = 0, high = fps.Length;
        while (low < high)
        {
            int middle = low + ((high - low) >> 1);
            if (fps[middle] <= rate)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        int j = low - 1;
        if (j == fps.Length - 1 || fps[j] == rate)
        {
            return sens[j];
        }

        return sens[j] + ((sens[j + 1] - sens[j]) * (rate - fps[j]) / (fps[j + 1] - fps[j]));
    }
}
