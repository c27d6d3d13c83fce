namespace NoduleScope.Imaging.Processing;

/// <summary>Fills, in each axial slice, the 2-D convex hull of a mask's voxels (monotone-chain hull, scan-line fill).</summary>
public static class SliceConvexHull
{
    public static MaskVolume Fill(MaskVolume mask, byte value = 1)
    {
        var g = mask.Grid;
        var result = new MaskVolume(g);
        Parallel.For(0, g.SizeZ, z =>
        {
            var points = new List<(int X, int Y)>();
            int offset = z * g.SliceLength;
            for (int y = 0; y < g.SizeY; y++)
            {
                int first = -1, last = -1;
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (mask.Data[offset + (y * g.SizeX) + x] != 0)
                    {
                        first = first < 0 ? x : first;
                        last = x;
                    }
                }

                if (first >= 0)
                {
                    // The extreme voxels of each row are enough to define the hull.
                    points.Add((first, y));
                    points.Add((last, y));
                }
            }

            if (points.Count == 0)
            {
                return;
            }

            var hull = Hull(points);
            for (int y = 0; y < g.SizeY; y++)
            {
                if (Span(hull, y + 0.5, out double x0, out double x1) || Span(hull, y, out x0, out x1))
                {
                    int from = Math.Max(0, (int)Math.Ceiling(x0 - 1e-9)), to = Math.Min(g.SizeX - 1, (int)Math.Floor(x1 + 1e-9));
                    for (int x = from; x <= to; x++)
                    {
                        result.Data[offset + (y * g.SizeX) + x] = value;
                    }
                }
            }
        });
        return result;
    }

    private static List<(int X, int Y)> Hull(List<(int X, int Y)> points)
    {
        points.Sort((a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        var hull = new List<(int X, int Y)>(points.Count + 1);
        for (int pass = 0; pass < 2; pass++)
        {
            int start = hull.Count;
            for (int k = 0; k < points.Count; k++)
            {
                var p = pass == 0 ? points[k] : points[points.Count - 1 - k];
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        return hull;
    }

    private static long Cross((int X, int Y) o, (int X, int Y) a, (int X, int Y) b) =>
        ((long)(a.X - o.X) * (b.Y - o.Y)) - ((long)(a.Y - o.Y) * (b.X - o.X));

    /// <summary>The x range where the horizontal line at <paramref name="y"/> crosses the convex polygon.</summary>
    private static bool Span(List<(int X, int Y)> hull, double y, out double x0, out double x1)
    {
        x0 = double.MaxValue;
        x1 = double.MinValue;
        if (hull.Count == 1)
        {
            if (Math.Abs(hull[0].Y - y) < 1e-9)
            {
                x0 = x1 = hull[0].X;
                return true;
            }

            return false;
        }

        for (int i = 0; i < hull.Count; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Count];
            if ((y < Math.Min(a.Y, b.Y)) || (y > Math.Max(a.Y, b.Y)))
            {
                continue;
            }

            if (a.Y == b.Y)
            {
                x0 = Math.Min(x0, Math.Min(a.X, b.X));
                x1 = Math.Max(x1, Math.Max(a.X, b.X));
                continue;
            }

            double x = a.X + ((b.X - a.X) * (y - a.Y) / (b.Y - a.Y));
            x0 = Math.Min(x0, x);
            x1 = Math.Max(x1, x);
        }

        return x0 <= x1;
    }
}
