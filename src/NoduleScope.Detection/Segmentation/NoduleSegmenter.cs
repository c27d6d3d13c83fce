using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Segmentation;

/// <summary>
/// Segments one nodule around a seed point on the CT's own grid: a threshold chosen from the nodule's core density
/// (solid or ground-glass), the component holding the seed, an opening by reconstruction that cuts attached vessels and
/// chest wall at their narrow necks, and a sphere that bounds how far the mask may reach. Then measures it: the axes at
/// the nodule's partial-volume edge (part of the way from lung to core density, per nodule) without thin attachments.
/// The outline adds the partial-volume rim around the mask, as radiologists draw their contours around the nodule.
/// </summary>
public sealed class NoduleSegmenter
{
    private const double AeratedLungHu = -870;
    private const double SolidComponentHu = -300;

    private readonly NoduleSegmenterOptions options;

    public NoduleSegmenter(NoduleSegmenterOptions? options = null)
    {
        this.options = options ?? new NoduleSegmenterOptions();
    }

    /// <summary>Radii tried by <see cref="SegmentAt"/>, smallest first.</summary>
    private static readonly double[] RadiusGuessesMm = [2.5, 4, 6, 9, 13, 18, 25];

    /// <summary>
    /// Segments the nodule at a point without knowing its size (a user's click, a reference centre): tries growing
    /// radii and keeps the first segmentation that stays well inside the region that radius allows.
    /// </summary>
    public NoduleSegmentation? SegmentAt(CtVolume volume, Vector3D point)
    {
        NoduleSegmentation? last = null;
        foreach (double r in RadiusGuessesMm)
        {
            var s = Segment(volume, point, r);
            if (s is null)
            {
                continue;
            }

            double bound = Math.Max(3, 1.6 * r) + 2;
            var m = s.Measurement;
            double reach = Math.Max(Math.Max(m.BoundsMax.X - m.BoundsMin.X, m.BoundsMax.Y - m.BoundsMin.Y), m.BoundsMax.Z - m.BoundsMin.Z) / 2;
            if (reach < 0.8 * bound)
            {
                return s;
            }

            last = s;
        }

        return last;
    }

    /// <summary>Segments the nodule at <paramref name="center"/> whose radius is about <paramref name="radiusMm"/>;
    /// null when nothing denser than lung is there. <paramref name="within"/>, when given, is a region (any grid) the
    /// mask may not leave: for a mass, its lung-enclosed envelope, so that the mediastinum and chest wall it touches stay out.</summary>
    public NoduleSegmentation? Segment(CtVolume volume, Vector3D center, double radiusMm, MaskVolume? within = null)
    {
        radiusMm = Math.Clamp(radiusMm, 1.5, 40);
        var full = ImageGrid.Of(volume);
        double reach = Math.Max(10, 2.5 * radiusMm);
        var c = full.WorldToVoxel(center);
        int rx = (int)Math.Ceiling(reach / full.Spacing.X), ry = (int)Math.Ceiling(reach / full.Spacing.Y), rz = (int)Math.Ceiling(reach / full.Spacing.Z);
        int x0 = Math.Max(0, (int)Math.Round(c.X) - rx), x1 = Math.Min(full.SizeX, (int)Math.Round(c.X) + rx + 1);
        int y0 = Math.Max(0, (int)Math.Round(c.Y) - ry), y1 = Math.Min(full.SizeY, (int)Math.Round(c.Y) + ry + 1);
        int z0 = Math.Max(0, (int)Math.Round(c.Z) - rz), z1 = Math.Min(full.SizeZ, (int)Math.Round(c.Z) + rz + 1);
        if (x1 <= x0 || y1 <= y0 || z1 <= z0)
        {
            return null;
        }

        var grid = full.Crop(x0, y0, z0, x1, y1, z1);
        var hu = new float[grid.Count];
        for (int z = 0; z < grid.SizeZ; z++)
        {
            for (int y = 0; y < grid.SizeY; y++)
            {
                int src = full.Index(x0, y0 + y, z0 + z);
                int dst = grid.Index(0, y, z);
                for (int x = 0; x < grid.SizeX; x++)
                {
                    hu[dst + x] = volume.Voxels[src + x];
                }
            }
        }

        var seed = grid.WorldToVoxel(center);
        double core = CoreDensity(hu, grid, seed, Math.Max(1.0, radiusMm / 2));
        double threshold = core > -300 ? options.SolidThresholdHu : options.GroundGlassThresholdHu;
        if (options.AdaptiveEdgeFraction is { } fraction)
        {
            threshold = Math.Max(threshold, AeratedLungHu + (fraction * (Math.Min(core, 100) - AeratedLungHu)));
        }

        if (core < options.GroundGlassThresholdHu + 50)
        {
            return null;
        }

        var mask = new MaskVolume(grid);
        double bound2 = Math.Pow(Math.Max(3, 1.6 * radiusMm) + 2, 2);
        for (int z = 0; z < grid.SizeZ; z++)
        {
            for (int y = 0; y < grid.SizeY; y++)
            {
                for (int x = 0; x < grid.SizeX; x++)
                {
                    var world = grid.VoxelToWorld(x, y, z);
                    var d = world - center;
                    int i = grid.Index(x, y, z);
                    mask.Data[i] = hu[i] > threshold && d.Dot(d) <= bound2 && (within is null || within.At(world) != 0) ? (byte)1 : (byte)0;
                }
            }
        }

        // Opening of the seed's part: erode away thin attachments, keep the part at the seed, dilate it back within
        // the mask. When what is kept still reaches the bounding sphere, something wide (chest wall, mediastinum, a
        // large vessel) is attached: erode harder, up to twice, before giving up and keeping the bounded result.
        double neck = Math.Clamp(radiusMm * 0.35, Math.Min(grid.Spacing.X, grid.Spacing.Y), 4);
        double bound = Math.Sqrt(bound2);
        MaskVolume? kept = null;
        double used = neck;
        foreach (double factor in LeakErosionFactors)
        {
            used = Math.Min(neck * factor, Math.Max(neck, radiusMm * 0.9));
            var eroded = Morphology.Erode(mask, used * 1.05);
            var part = ComponentNearest(eroded, seed);
            if (part is null)
            {
                break;
            }

            kept = part;
            if (!Reaches(part, grid, center, bound - used - 1.5))
            {
                break;
            }
        }

        kept ??= ComponentNearest(mask, seed);
        if (kept is null)
        {
            return null;
        }

        var regrown = Morphology.Dilate(kept, used * 1.05);
        for (int i = 0; i < mask.Data.Length; i++)
        {
            mask.Data[i] = (byte)(mask.Data[i] & regrown.Data[i]);
        }

        var final = ComponentNearest(mask, seed);
        if (final is null)
        {
            return null;
        }

        double measureEdge = options.MeasureEdgeFraction is { } f
            ? AeratedLungHu + (f * (Math.Min(core, 100) - AeratedLungHu))
            : double.MinValue;
        var distance = DistanceTransform.SquaredToNearest(final);
        double rimHu = core > -300 ? options.OutlineSolidHu : options.OutlineGroundGlassHu;
        var outline = Outline(final, distance, hu, rimHu);
        return new NoduleSegmentation(final, Measure(final, hu, measureEdge, options.MeasureOpeningMm), threshold, SurroundingLungFraction(distance, hu), outline);
    }

    private static readonly double[] LeakErosionFactors = [1, 1.5, 2.2, 3.2, 4.5];

    /// <summary>Whether any voxel of the mask lies farther than <paramref name="distanceMm"/> from the centre.</summary>
    private static bool Reaches(MaskVolume mask, ImageGrid grid, Vector3D center, double distanceMm)
    {
        double limit = distanceMm * distanceMm;
        for (int z = 0; z < grid.SizeZ; z++)
        {
            for (int y = 0; y < grid.SizeY; y++)
            {
                int row = grid.Index(0, y, z);
                for (int x = 0; x < grid.SizeX; x++)
                {
                    if (mask.Data[row + x] != 0)
                    {
                        var d = grid.VoxelToWorld(x, y, z) - center;
                        if (d.Dot(d) > limit)
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The mask and the voxels of its rim (within <see cref="NoduleSegmenterOptions.OutlineRimMm"/>) denser
    /// than <paramref name="rimHu"/>.</summary>
    private MaskVolume Outline(MaskVolume mask, float[] distanceSquared, float[] hu, double rimHu)
    {
        var outline = new MaskVolume(mask.Grid);
        float reach = (float)(options.OutlineRimMm * options.OutlineRimMm);
        var data = mask.Data;
        var result = outline.Data;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = data[i] != 0 || (distanceSquared[i] <= reach && hu[i] > rimHu) ? (byte)1 : (byte)0;
        }

        return outline;
    }

    private static double SurroundingLungFraction(float[] distance, float[] hu)
    {
        long shell = 0, lung = 0;
        for (int i = 0; i < distance.Length; i++)
        {
            if (distance[i] is >= 1.0f and <= 9.0f)
            {
                shell++;
                lung += hu[i] < -600 ? 1 : 0;
            }
        }

        return shell == 0 ? 0 : lung / (double)shell;
    }

    /// <summary>Mean HU of the densest voxels near the seed: a robust estimate of the nodule core.</summary>
    private static double CoreDensity(float[] hu, ImageGrid grid, Vector3D seed, double radiusMm)
    {
        var values = new List<float>();
        int rx = (int)Math.Ceiling(radiusMm / grid.Spacing.X), ry = (int)Math.Ceiling(radiusMm / grid.Spacing.Y), rz = (int)Math.Ceiling(radiusMm / grid.Spacing.Z);
        int cx = (int)Math.Round(seed.X), cy = (int)Math.Round(seed.Y), cz = (int)Math.Round(seed.Z);
        for (int z = cz - rz; z <= cz + rz; z++)
        {
            for (int y = cy - ry; y <= cy + ry; y++)
            {
                for (int x = cx - rx; x <= cx + rx; x++)
                {
                    if (grid.Contains(x, y, z))
                    {
                        values.Add(hu[grid.Index(x, y, z)]);
                    }
                }
            }
        }

        if (values.Count == 0)
        {
            return -1000;
        }

        values.Sort();
        int from = values.Count / 2;
        double sum = 0;
        for (int i = from; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / (values.Count - from);
    }

    /// <summary>The connected component containing the seed voxel, or else the one closest to it.</summary>
    private static MaskVolume? ComponentNearest(MaskVolume mask, Vector3D seed)
    {
        var components = ConnectedComponents.Label(mask);
        if (components.Components.Count == 0)
        {
            return null;
        }

        var g = mask.Grid;
        int sx = (int)Math.Round(seed.X), sy = (int)Math.Round(seed.Y), sz = (int)Math.Round(seed.Z);
        int label = g.Contains(sx, sy, sz) ? components.Labels[g.Index(sx, sy, sz)] : 0;
        if (label == 0)
        {
            double best = double.MaxValue;
            for (int z = 0; z < g.SizeZ; z++)
            {
                for (int y = 0; y < g.SizeY; y++)
                {
                    for (int x = 0; x < g.SizeX; x++)
                    {
                        int l = components.Labels[g.Index(x, y, z)];
                        if (l == 0)
                        {
                            continue;
                        }

                        double d = (g.VoxelToWorld(x, y, z) - g.VoxelToWorld(seed)).Length;
                        if (d < best)
                        {
                            (best, label) = (d, l);
                        }
                    }
                }
            }

            // Nothing dense within a few millimetres of the seed: not this nodule.
            if (best > 4)
            {
                return null;
            }
        }

        return components.Select(c => c.Label == label);
    }

    private static NoduleMeasurement Measure(MaskVolume mask, float[] hu, double measureEdgeHu, double openingMm)
    {
        var g = mask.Grid;
        long count = 0, solid = 0;
        double sumHu = 0, maxHu = double.MinValue;
        var sum = Vector3D.Zero;
        var area = new int[g.SizeZ];
        var edgeArea = new int[g.SizeZ];
        var solidArea = new int[g.SizeZ];
        int minX = int.MaxValue, minY = int.MaxValue, minZ = int.MaxValue, maxX = -1, maxY = -1, maxZ = -1;
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    int i = g.Index(x, y, z);
                    if (mask.Data[i] == 0)
                    {
                        continue;
                    }

                    count++;
                    area[z]++;
                    edgeArea[z] += hu[i] > measureEdgeHu ? 1 : 0;
                    sumHu += hu[i];
                    maxHu = Math.Max(maxHu, hu[i]);
                    if (hu[i] > SolidComponentHu)
                    {
                        solid++;
                        solidArea[z]++;
                    }

                    sum += new Vector3D(x, y, z);
                    (minX, minY, minZ) = (Math.Min(minX, x), Math.Min(minY, y), Math.Min(minZ, z));
                    (maxX, maxY, maxZ) = (Math.Max(maxX, x), Math.Max(maxY, y), Math.Max(maxZ, z));
                }
            }
        }

        int bestZ = Array.IndexOf(edgeArea, edgeArea.Max());
        var (longAxis, shortAxis) = Axes(mask, hu, bestZ, edgeArea[bestZ] > 0 ? measureEdgeHu : double.MinValue, openingMm);
        int bestMaskZ = Array.IndexOf(area, area.Max());
        var (maskLong, maskShort) = bestMaskZ == bestZ && measureEdgeHu == double.MinValue && openingMm <= 0
            ? (longAxis, shortAxis)
            : Axes(mask, hu, bestMaskZ, double.MinValue, 0);
        int bestSolidZ = Array.IndexOf(solidArea, solidArea.Max());
        var (solidLong, solidShort) = solid > 0 ? Axes(mask, hu, bestSolidZ, SolidComponentHu, 0) : (0, 0);
        return new NoduleMeasurement
        {
            Centroid = g.VoxelToWorld(sum / count),
            VolumeMm3 = count * g.VoxelVolume,
            LongAxisMm = longAxis,
            ShortAxisMm = shortAxis,
            MaskLongAxisMm = maskLong,
            MaskShortAxisMm = maskShort,
            MeanHu = sumHu / count,
            MaxHu = maxHu,
            SolidVolumeMm3 = solid * g.VoxelVolume,
            SolidMeanDiameterMm = (solidLong + solidShort) / 2,
            AxialSliceZ = g.VoxelToWorld(0, 0, bestZ).Z,
            CraniocaudalExtentMm = ((maxZ - minZ) * g.Spacing.Z) + Math.Min(g.Spacing.Z, 1.0),
            BoundsMin = g.VoxelToWorld(minX - 0.5, minY - 0.5, minZ - 0.5),
            BoundsMax = g.VoxelToWorld(maxX + 0.5, maxY + 0.5, maxZ + 0.5),
            VoxelCount = count,
        };
    }

    /// <summary>Long axis (largest distance between pixel centres, plus one pixel for the edges the calipers touch) and
    /// the largest extent perpendicular to it, on slice <paramref name="z"/>, counting voxels above <paramref name="minHu"/>
    /// that are left by an in-plane opening of <paramref name="openingMm"/> (all of them when it leaves none).</summary>
    private static (double Long, double Short) Axes(MaskVolume mask, float[] hu, int z, double minHu, double openingMm)
    {
        var g = mask.Grid;
        int w = g.SizeX;
        var slice = new bool[w * g.SizeY];
        for (int y = 0; y < g.SizeY; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int i = g.Index(x, y, z);
                slice[(y * w) + x] = mask.Data[i] != 0 && hu[i] > minHu;
            }
        }

        if (openingMm > 0 && SliceOpening.LargestOpened(slice, w, g.SizeY, g.Spacing.X, g.Spacing.Y, openingMm) is { } opened)
        {
            slice = opened;
        }

        var points = new List<(double X, double Y)>();
        for (int y = 0; y < g.SizeY; y++)
        {
            for (int x = 0; x < w; x++)
            {
                if (slice[(y * w) + x])
                {
                    points.Add((x * g.Spacing.X, y * g.Spacing.Y));
                }
            }
        }

        if (points.Count == 0)
        {
            return (0, 0);
        }

        double pixel = (g.Spacing.X + g.Spacing.Y) / 2;
        double best = 0;
        (double X, double Y) a = points[0], b = points[0];
        for (int i = 0; i < points.Count; i++)
        {
            for (int j = i + 1; j < points.Count; j++)
            {
                double dx = points[i].X - points[j].X, dy = points[i].Y - points[j].Y;
                double d = (dx * dx) + (dy * dy);
                if (d > best)
                {
                    (best, a, b) = (d, points[i], points[j]);
                }
            }
        }

        double length = Math.Sqrt(best);
        if (length == 0)
        {
            return (pixel, pixel);
        }

        double ux = (b.X - a.X) / length, uy = (b.Y - a.Y) / length;
        double min = double.MaxValue, max = double.MinValue;
        foreach (var p in points)
        {
            double t = (-uy * p.X) + (ux * p.Y);
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }

        return (length + pixel, max - min + pixel);
    }
}
