using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Candidates;

/// <summary>
/// Cheap features of one blob-filter maximum, for ranking the thousands of maxima of a scan before the candidate cap:
/// the Hessian shape at the blob's scale, the smoothed HU and the scale-normalised LoG at every scale at the peak (a
/// contrast and size profile that does not rest on one scale), and HU and lung-mask samples on a shell around the blob
/// (a vessel crosses it at opposite points, the chest wall covers one side, aerated lung surrounds a nodule).
/// </summary>
public static class BlobRankFeatures
{
    private const int HalfDirections = 13;
    private static readonly Vector3D[] Directions = SphereDirections.Symmetric(HalfDirections);

    /// <summary>Names in vector order, for the six default scales; a ranker model records them.</summary>
    public static IReadOnlyList<string> Names(int scales)
    {
        var names = new List<string> { "strength", "sigma_mm", "l1", "l2_over_l1", "l3_over_l1", "negative", "dotness", "in_lung", "hand_rank" };
        for (int s = 0; s < scales; s++)
        {
            names.Add($"hu_scale{s}");
        }

        for (int s = 0; s < scales; s++)
        {
            names.Add($"log_scale{s}");
        }

        foreach (string shell in new[] { "1_5", "2_5" })
        {
            names.Add($"shell{shell}_mean_hu");
            names.Add($"shell{shell}_min_hu");
            names.Add($"shell{shell}_max_hu");
            names.Add($"shell{shell}_air_fraction");
            names.Add($"shell{shell}_lung_fraction");
            names.Add($"shell{shell}_antipodal_dense");
        }

        return names;
    }

    /// <summary>The features of the maximum at voxel (x, y, z) of the working grid.</summary>
    /// <param name="smoothed">The Gaussian-smoothed HU volume at each scale, in <paramref name="scales"/> order.</param>
    internal static float[] Compute(
        float[][] smoothed, IReadOnlyList<double> scales, MaskVolume lungMask, ImageGrid g, int x, int y, int z,
        float strength, double sigma, (double L1, double L2, double L3, int Negative) shape, double dotness, double handRank)
    {
        int scaleCount = scales.Count;
        var f = new float[9 + (2 * scaleCount) + 12];
        int nx = g.SizeX, slice = g.SliceLength;
        int i = (z * slice) + (y * nx) + x;
        double norm = sigma * sigma;
        f[0] = strength;
        f[1] = (float)sigma;
        f[2] = (float)(norm * shape.L1);
        f[3] = shape.L1 > 0 ? (float)(shape.L2 / shape.L1) : 0;
        f[4] = shape.L1 > 0 ? (float)(shape.L3 / shape.L1) : 0;
        f[5] = shape.Negative;
        f[6] = (float)dotness;
        f[7] = lungMask.Data[i] != 0 ? 1 : 0;
        f[8] = (float)handRank;
        float ix2 = (float)(1 / (g.Spacing.X * g.Spacing.X)), iy2 = (float)(1 / (g.Spacing.Y * g.Spacing.Y)), iz2 = (float)(1 / (g.Spacing.Z * g.Spacing.Z));
        for (int s = 0; s < scaleCount; s++)
        {
            var v = smoothed[s];
            float c = v[i];
            float lap = ((v[i - 1] + v[i + 1] - (2 * c)) * ix2) + ((v[i - nx] + v[i + nx] - (2 * c)) * iy2) + ((v[i - slice] + v[i + slice] - (2 * c)) * iz2);
            f[9 + s] = c;
            f[9 + scaleCount + s] = (float)(-scales[s] * scales[s] * lap);
        }

        double radius = sigma * Math.Sqrt(3);
        Shell(smoothed[0], lungMask, g, x, y, z, Math.Max(2, 1.5 * radius), f.AsSpan(9 + (2 * scaleCount), 6));
        Shell(smoothed[0], lungMask, g, x, y, z, Math.Max(3, 2.5 * radius), f.AsSpan(15 + (2 * scaleCount), 6));
        return f;
    }

    private static void Shell(float[] hu, MaskVolume lungMask, ImageGrid g, int x, int y, int z, double distanceMm, Span<float> into)
    {
        Span<float> values = stackalloc float[2 * HalfDirections];
        double sum = 0, min = double.MaxValue, max = double.MinValue;
        int air = 0, lung = 0, n = 0;
        for (int d = 0; d < Directions.Length; d++)
        {
            var dir = Directions[d];
            int px = x + (int)Math.Round(dir.X * distanceMm / g.Spacing.X);
            int py = y + (int)Math.Round(dir.Y * distanceMm / g.Spacing.Y);
            int pz = z + (int)Math.Round(dir.Z * distanceMm / g.Spacing.Z);
            if (!g.Contains(px, py, pz))
            {
                values[d] = -1000;
                continue;
            }

            int j = g.Index(px, py, pz);
            float v = hu[j];
            values[d] = v;
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            air += v < -600 ? 1 : 0;
            lung += lungMask.Data[j] != 0 ? 1 : 0;
            n++;
        }

        if (n == 0)
        {
            into.Fill(0);
            return;
        }

        int antipodal = 0;
        for (int d = 0; d < HalfDirections; d++)
        {
            antipodal += values[d] > -500 && values[d + HalfDirections] > -500 ? 1 : 0;
        }

        into[0] = (float)(sum / n);
        into[1] = (float)min;
        into[2] = (float)max;
        into[3] = air / (float)n;
        into[4] = lung / (float)n;
        into[5] = antipodal / (float)HalfDirections;
    }
}
