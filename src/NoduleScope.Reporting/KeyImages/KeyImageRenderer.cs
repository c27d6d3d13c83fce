using System.Globalization;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;
using NoduleScope.Reporting.Report;
using NoduleScope.Reporting.Seg;
using SkiaSharp;

namespace NoduleScope.Reporting.KeyImages;

/// <summary>
/// Renders the key image of a nodule: the axial slice where its mask is largest, in the lung window (W 1500, L −600),
/// cropped to a square of four long axes (30 to 200 mm) around it, with the mask outline, the
/// long axis and the short axis, the nodule's label, its size, the patient's sides and a 10 mm scale bar.
/// </summary>
public static class KeyImageRenderer
{
    public const double WindowCenter = -600;
    public const double WindowWidth = 1500;

    public static readonly SKColor OutlineColor = new(255, 176, 0);
    public static readonly SKColor LongAxisColor = new(255, 64, 64);
    public static readonly SKColor ShortAxisColor = new(64, 200, 255);

    private static readonly Lazy<SKTypeface> Typeface = new(() =>
        (ReportFonts.Regular is { } path ? SKTypeface.FromFile(path) : null) ?? SKTypeface.Default);

    /// <summary>Renders nodule <paramref name="nodule"/>; without a mask the outline is a circle of its mean diameter.</summary>
    public static KeyImage Render(CtVolume volume, FindingsNodule nodule, NoduleMask? mask, int size = 320)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(nodule);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 64);
        var pixels = mask is null ? [] : MaskPixels(mask, volume);
        int slice = pixels.Count > 0 ? pixels.MaxBy(kv => kv.Value.Count).Key : Math.Clamp((int)Math.Round(nodule.CenterVoxel[2]), 0, volume.SizeZ - 1);
        var onSlice = pixels.TryGetValue(slice, out var list) ? list : [];
        double cx = onSlice.Count > 0 ? onSlice.Average(p => p.X) : nodule.CenterVoxel[0];
        double cy = onSlice.Count > 0 ? onSlice.Average(p => p.Y) : nodule.CenterVoxel[1];
        double fieldMm = Math.Clamp(4 * nodule.LongAxisMm, 30, 200);
        double mmPerPixel = fieldMm / size;
        var view = new SliceView(cx, cy, volume.Spacing.X / mmPerPixel, volume.Spacing.Y / mmPerPixel, size);

        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        FillLungWindow(bitmap, volume, slice, view);
        using (var canvas = new SKCanvas(bitmap))
        {
            if (onSlice.Count > 0)
            {
                DrawOutline(canvas, onSlice, view);
                if (SliceAxes.Measure(onSlice, volume.Spacing.X, volume.Spacing.Y) is { } axes)
                {
                    // Axes join pixel centres; like the reported sizes, they reach half a pixel further at each end.
                    var spacing = (volume.Spacing.X, volume.Spacing.Y);
                    var (longStart, longEnd) = Extend(axes.LongStart, axes.LongEnd, spacing);
                    var (shortStart, shortEnd) = Extend(axes.ShortStart, axes.ShortEnd, spacing);
                    DrawLine(canvas, view, longStart, longEnd, LongAxisColor);
                    DrawLine(canvas, view, shortStart, shortEnd, ShortAxisColor);
                }
            }
            else
            {
                using var circle = Stroke(OutlineColor, 2);
                var (u, v) = view.ToImage(cx, cy);
                canvas.DrawCircle((float)u, (float)v, (float)(nodule.MeanDiameterMm / 2 / mmPerPixel), circle);
            }

            DrawLabels(canvas, volume, nodule, slice, size, mmPerPixel);
        }

        byte[] rgb = new byte[size * size * 3];
        var rgba = bitmap.GetPixelSpan();
        for (int i = 0, j = 0; i < rgb.Length; i += 3, j += 4)
        {
            rgb[i] = rgba[j];
            rgb[i + 1] = rgba[j + 1];
            rgb[i + 2] = rgba[j + 2];
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new KeyImage(nodule.Id, slice, size, size, mmPerPixel, rgb, png.ToArray());
    }

    /// <summary>Mask pixels (column, row) of the volume by slice.</summary>
    private static Dictionary<int, List<(int X, int Y)>> MaskPixels(NoduleMask mask, CtVolume volume)
    {
        var at = VolumeMaskPlacement.Of(mask.Mask, volume);
        var g = mask.Mask.Grid;
        var result = new Dictionary<int, List<(int, int)>>();
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (mask.Mask[x, y, z] != 0)
                    {
                        int slice = z + at.OffsetZ;
                        if (!result.TryGetValue(slice, out var list))
                        {
                            result[slice] = list = [];
                        }

                        list.Add((x + at.OffsetX, y + at.OffsetY));
                    }
                }
            }
        }

        return result;
    }

    private static void FillLungWindow(SKBitmap bitmap, CtVolume volume, int slice, SliceView view)
    {
        double low = WindowCenter - (WindowWidth / 2);
        var hu = volume.Slice(slice);
        var span = bitmap.GetPixelSpan();
        byte[] pixels = new byte[span.Length];
        for (int v = 0; v < view.Size; v++)
        {
            for (int u = 0; u < view.Size; u++)
            {
                var (x, y) = view.ToVoxel(u + 0.5, v + 0.5);
                double value = Bilinear(hu, volume.SizeX, volume.SizeY, x, y);
                byte g = (byte)Math.Clamp(Math.Round((value - low) / WindowWidth * 255), 0, 255);
                int i = ((v * view.Size) + u) * 4;
                pixels[i] = g;
                pixels[i + 1] = g;
                pixels[i + 2] = g;
                pixels[i + 3] = 255;
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
    }

    /// <summary>HU at a continuous voxel position; air outside the slice.</summary>
    private static double Bilinear(ReadOnlySpan<short> hu, int width, int height, double x, double y)
    {
        int x0 = (int)Math.Floor(x), y0 = (int)Math.Floor(y);
        double fx = x - x0, fy = y - y0;
        double top = (At(hu, width, height, x0, y0) * (1 - fx)) + (At(hu, width, height, x0 + 1, y0) * fx);
        double bottom = (At(hu, width, height, x0, y0 + 1) * (1 - fx)) + (At(hu, width, height, x0 + 1, y0 + 1) * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }

    private static double At(ReadOnlySpan<short> hu, int width, int height, int x, int y) =>
        x < 0 || y < 0 || x >= width || y >= height ? -1024 : hu[(y * width) + x];

    /// <summary>Draws every pixel edge between the mask and its outside.</summary>
    private static void DrawOutline(SKCanvas canvas, List<(int X, int Y)> pixels, SliceView view)
    {
        var set = new HashSet<(int, int)>(pixels);
        using var path = new SKPath();
        void Edge(double x0, double y0, double x1, double y1)
        {
            var (u0, v0) = view.ToImage(x0, y0);
            var (u1, v1) = view.ToImage(x1, y1);
            path.MoveTo((float)u0, (float)v0);
            path.LineTo((float)u1, (float)v1);
        }

        foreach (var (x, y) in pixels)
        {
            if (!set.Contains((x - 1, y)))
            {
                Edge(x - 0.5, y - 0.5, x - 0.5, y + 0.5);
            }

            if (!set.Contains((x + 1, y)))
            {
                Edge(x + 0.5, y - 0.5, x + 0.5, y + 0.5);
            }

            if (!set.Contains((x, y - 1)))
            {
                Edge(x - 0.5, y - 0.5, x + 0.5, y - 0.5);
            }

            if (!set.Contains((x, y + 1)))
            {
                Edge(x - 0.5, y + 0.5, x + 0.5, y + 0.5);
            }
        }

        // Crisp (not antialiased) so the outline keeps its colour against bright nodule pixels.
        using var paint = Stroke(OutlineColor, 2);
        paint.IsAntialias = false;
        canvas.DrawPath(path, paint);
    }

    /// <summary>The segment lengthened by half a pixel (mean pixel size) at each end.</summary>
    private static ((double X, double Y), (double X, double Y)) Extend((double X, double Y) a, (double X, double Y) b, (double X, double Y) spacing)
    {
        double dx = (b.X - a.X) * spacing.X, dy = (b.Y - a.Y) * spacing.Y;
        double length = Math.Sqrt((dx * dx) + (dy * dy));
        if (length == 0)
        {
            return (a, b);
        }

        double half = (spacing.X + spacing.Y) / 4;
        double ex = dx / length * half / spacing.X, ey = dy / length * half / spacing.Y;
        return ((a.X - ex, a.Y - ey), (b.X + ex, b.Y + ey));
    }

    private static void DrawLine(SKCanvas canvas, SliceView view, (double X, double Y) from, (double X, double Y) to, SKColor color)
    {
        var (u0, v0) = view.ToImage(from.X, from.Y);
        var (u1, v1) = view.ToImage(to.X, to.Y);
        using var paint = Stroke(color, 2);
        paint.StrokeCap = SKStrokeCap.Round;
        canvas.DrawLine((float)u0, (float)v0, (float)u1, (float)v1, paint);
    }

    private static void DrawLabels(SKCanvas canvas, CtVolume volume, FindingsNodule nodule, int slice, int size, double mmPerPixel)
    {
        float scale = size / 320f;
        using var font = new SKFont(Typeface.Value, 14 * scale);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var shade = new SKPaint { Color = new SKColor(0, 0, 0, 170), Style = SKPaintStyle.Fill };
        float margin = 6 * scale, line = 18 * scale;

        string title = ReportText.NoduleLabel(nodule.Id);
        string sizes = string.Create(CultureInfo.InvariantCulture, $"{nodule.LongAxisMm:0.0} × {nodule.ShortAxisMm:0.0} mm");
        string where = string.Create(CultureInfo.InvariantCulture, $"slice {slice + 1}");
        canvas.DrawRect(0, 0, size, line + margin, shade);
        canvas.DrawText(title, margin, line, SKTextAlign.Left, font, text);
        canvas.DrawText(sizes, size - margin, line, SKTextAlign.Right, font, text);
        canvas.DrawRect(0, size - line - margin, size, line + margin, shade);
        canvas.DrawText(where, margin, size - margin, SKTextAlign.Left, font, text);

        // 10 mm scale bar, bottom right.
        float bar = (float)(10 / mmPerPixel);
        float right = size - margin, baseline = size - (line / 2) - (margin / 2);
        using var barPaint = Stroke(SKColors.White, 2 * scale);
        canvas.DrawLine(right - bar, baseline, right, baseline, barPaint);
        canvas.DrawText("10 mm", right - bar - (4 * scale), size - margin, SKTextAlign.Right, font, text);

        // The patient's sides at the left and right edges.
        using var small = new SKFont(Typeface.Value, 13 * scale);
        float middle = size / 2f;
        canvas.DrawText(ReportText.Side(volume.DirectionX * -1), margin, middle, SKTextAlign.Left, small, text);
        canvas.DrawText(ReportText.Side(volume.DirectionX), size - margin, middle, SKTextAlign.Right, small, text);
    }

    private static SKPaint Stroke(SKColor color, float width) => new() { Color = color, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
}
