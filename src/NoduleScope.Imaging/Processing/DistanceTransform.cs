namespace NoduleScope.Imaging.Processing;

/// <summary>
/// Exact squared Euclidean distance (mm²) from every voxel to the nearest voxel where the mask is set, with anisotropic
/// spacing (Felzenszwalb and Huttenlocher's separable lower-envelope algorithm, one pass per axis, parallel over lines).
/// </summary>
public static class DistanceTransform
{
    private const float Infinity = 1e20f;

    public static float[] SquaredToNearest(MaskVolume mask, bool toSet = true)
    {
        var g = mask.Grid;
        var d = new float[mask.Data.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = (mask.Data[i] != 0) == toSet ? 0 : Infinity;
        }

        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ;
        float wx = (float)(g.Spacing.X * g.Spacing.X), wy = (float)(g.Spacing.Y * g.Spacing.Y), wz = (float)(g.Spacing.Z * g.Spacing.Z);
        // X lines.
        Parallel.For(0, nz * ny, row => Line(d, row * nx, 1, nx, wx));
        // Y lines.
        Parallel.For(0, nz * nx, line =>
        {
            int z = line / nx, x = line % nx;
            Line(d, (z * ny * nx) + x, nx, ny, wy);
        });
        // Z lines.
        Parallel.For(0, ny * nx, line => Line(d, line, nx * ny, nz, wz));
        return d;
    }

    private static float Intersection(Span<float> f, int q, int p, float weight) =>
        ((f[q] + (weight * q * q)) - (f[p] + (weight * p * p))) / (2 * weight * (q - p));

    /// <summary>One 1-D pass over n samples starting at <paramref name="start"/> with <paramref name="stride"/>.</summary>
    private static void Line(float[] d, int start, int stride, int n, float weight)
    {
        Span<float> f = n <= 1024 ? stackalloc float[n] : new float[n];
        Span<int> v = n <= 1024 ? stackalloc int[n] : new int[n];
        Span<float> z = n <= 1023 ? stackalloc float[n + 1] : new float[n + 1];
        bool any = false;
        for (int i = 0; i < n; i++)
        {
            f[i] = d[start + (i * stride)];
            any |= f[i] < Infinity;
        }

        if (!any)
        {
            return;
        }

        int k = 0;
        v[0] = 0;
        z[0] = float.NegativeInfinity;
        z[1] = float.PositiveInfinity;
        for (int q = 1; q < n; q++)
        {
            float s = Intersection(f, q, v[k], weight);
            while (s <= z[k])
            {
                k--;
                s = Intersection(f, q, v[k], weight);
            }

            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = float.PositiveInfinity;
        }

        k = 0;
        for (int q = 0; q < n; q++)
        {
            while (z[k + 1] < q)
            {
                k++;
            }

            int p = v[k];
            d[start + (q * stride)] = (weight * (q - p) * (q - p)) + f[p];
        }
    }
}
