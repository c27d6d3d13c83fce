using System.Numerics;

namespace NoduleScope.Imaging.Processing;

/// <summary>Separable Gaussian smoothing with the sigma in mm (anisotropic spacing handled), borders clamped.
/// The y and z passes run over whole rows with SIMD; all passes are parallel over slabs.</summary>
public static class GaussianFilter
{
    public static FloatVolume Smooth(FloatVolume input, double sigmaMm)
    {
        var g = input.Grid;
        var a = new float[input.Data.Length];
        var b = new float[input.Data.Length];
        PassX(input.Data, a, g, Kernel(sigmaMm / g.Spacing.X));
        PassY(a, b, g, Kernel(sigmaMm / g.Spacing.Y));
        PassZ(b, a, g, Kernel(sigmaMm / g.Spacing.Z));
        return new FloatVolume(g, a);
    }

    internal static float[] Kernel(double sigmaVoxels)
    {
        if (sigmaVoxels < 0.2)
        {
            return [1f];
        }

        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigmaVoxels));
        var k = new float[(2 * radius) + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            double v = Math.Exp(-(i * i) / (2 * sigmaVoxels * sigmaVoxels));
            k[i + radius] = (float)v;
            sum += v;
        }

        for (int i = 0; i < k.Length; i++)
        {
            k[i] = (float)(k[i] / sum);
        }

        return k;
    }

    private static void PassX(float[] src, float[] dst, ImageGrid g, float[] k)
    {
        int r = k.Length / 2, nx = g.SizeX;
        Parallel.For(0, g.SizeZ * g.SizeY, row =>
        {
            var s = src.AsSpan(row * nx, nx);
            var d = dst.AsSpan(row * nx, nx);
            for (int x = 0; x < nx; x++)
            {
                float acc = 0;
                for (int t = -r; t <= r; t++)
                {
                    int xx = Math.Clamp(x + t, 0, nx - 1);
                    acc += s[xx] * k[t + r];
                }

                d[x] = acc;
            }
        });
    }

    private static void PassY(float[] src, float[] dst, ImageGrid g, float[] k)
    {
        int r = k.Length / 2, nx = g.SizeX, ny = g.SizeY;
        Parallel.For(0, g.SizeZ, z =>
        {
            int slice = z * g.SliceLength;
            for (int y = 0; y < ny; y++)
            {
                var d = dst.AsSpan(slice + (y * nx), nx);
                d.Clear();
                for (int t = -r; t <= r; t++)
                {
                    int yy = Math.Clamp(y + t, 0, ny - 1);
                    AddScaled(src.AsSpan(slice + (yy * nx), nx), k[t + r], d);
                }
            }
        });
    }

    private static void PassZ(float[] src, float[] dst, ImageGrid g, float[] k)
    {
        int r = k.Length / 2, nz = g.SizeZ, slice = g.SliceLength;
        Parallel.For(0, nz, z =>
        {
            var d = dst.AsSpan(z * slice, slice);
            d.Clear();
            for (int t = -r; t <= r; t++)
            {
                int zz = Math.Clamp(z + t, 0, nz - 1);
                AddScaled(src.AsSpan(zz * slice, slice), k[t + r], d);
            }
        });
    }

    /// <summary>d += s · w, vectorised.</summary>
    internal static void AddScaled(ReadOnlySpan<float> s, float w, Span<float> d)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var wv = new Vector<float>(w);
            int n = Vector<float>.Count;
            for (; i <= s.Length - n; i += n)
            {
                var acc = new Vector<float>(d.Slice(i, n)) + (new Vector<float>(s.Slice(i, n)) * wv);
                acc.CopyTo(d.Slice(i, n));
            }
        }

        for (; i < s.Length; i++)
        {
            d[i] += s[i] * w;
        }
    }
}
