namespace NoduleScope.Reporting.KeyImages;

/// <summary>
/// Where to draw the long and short axis of a nodule on one axial slice, in voxel coordinates (column, row): the long
/// axis joins the two mask pixels farthest apart; the short axis is the longest chord of the mask perpendicular to it.
/// </summary>
public sealed record SliceAxes((double X, double Y) LongStart, (double X, double Y) LongEnd, (double X, double Y) ShortStart, (double X, double Y) ShortEnd)
{
    /// <summary>Axes of the mask pixels <paramref name="pixels"/> (column, row) with the given pixel spacing; null for no pixels.</summary>
    public static SliceAxes? Measure(IReadOnlyList<(int X, int Y)> pixels, double spacingX, double spacingY)
    {
        if (pixels.Count == 0)
        {
            return null;
        }

        var set = new HashSet<(int, int)>(pixels);
        // The farthest pair lies on the boundary, which keeps the quadratic search small.
        var boundary = pixels.Where(p => !set.Contains((p.X - 1, p.Y)) || !set.Contains((p.X + 1, p.Y)) || !set.Contains((p.X, p.Y - 1)) || !set.Contains((p.X, p.Y + 1))).ToList();
        (int X, int Y) a = boundary[0], b = boundary[0];
        double best = -1;
        for (int i = 0; i < boundary.Count; i++)
        {
            for (int j = i + 1; j < boundary.Count; j++)
            {
                double dx = (boundary[i].X - boundary[j].X) * spacingX, dy = (boundary[i].Y - boundary[j].Y) * spacingY;
                double d = (dx * dx) + (dy * dy);
                if (d > best)
                {
                    (best, a, b) = (d, boundary[i], boundary[j]);
                }
            }
        }

        double length = Math.Sqrt(Math.Max(best, 0));
        if (length == 0)
        {
            return new SliceAxes((a.X - 0.5, a.Y), (a.X + 0.5, a.Y), (a.X, a.Y - 0.5), (a.X, a.Y + 0.5));
        }

        // Unit vectors in mm along and across the long axis.
        double ux = (b.X - a.X) * spacingX / length, uy = (b.Y - a.Y) * spacingY / length;
        double pixel = Math.Min(spacingX, spacingY);
        var chords = new Dictionary<int, (double Min, double Max)>();
        foreach (var p in pixels)
        {
            double px = (p.X - a.X) * spacingX, py = (p.Y - a.Y) * spacingY;
            double along = (px * ux) + (py * uy);
            double across = (-px * uy) + (py * ux);
            int bin = (int)Math.Round(along / pixel);
            chords[bin] = chords.TryGetValue(bin, out var c) ? (Math.Min(c.Min, across), Math.Max(c.Max, across)) : (across, across);
        }

        var widest = chords.MaxBy(kv => kv.Value.Max - kv.Value.Min);
        double t = widest.Key * pixel;
        (double X, double Y) Point(double across) =>
            (a.X + (((t * ux) - (across * uy)) / spacingX), a.Y + (((t * uy) + (across * ux)) / spacingY));
        return new SliceAxes((a.X, a.Y), (b.X, b.Y), Point(widest.Value.Min), Point(widest.Value.Max));
    }
}
