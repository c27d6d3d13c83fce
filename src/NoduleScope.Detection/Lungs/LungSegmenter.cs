using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Lungs;

/// <summary>
/// Segments the lungs of a chest CT on a coarse isotropic grid: the body (largest dense component, holes filled per
/// slice), air inside it, the airway tree grown from the trachea and removed, left and right lungs separated (eroding
/// until the anterior junction splits), then each lung closed with a rolling ball so nodules on the pleura, vessels and
/// airway walls stay inside the mask.
/// </summary>
public sealed class LungSegmenter
{
    private readonly LungSegmenterOptions options;

    public LungSegmenter(LungSegmenterOptions? options = null)
    {
        this.options = options ?? new LungSegmenterOptions();
    }

    public LungSegmentation Segment(CtVolume volume)
    {
        var warnings = new List<string>();
        double s = options.GridSpacingMm;
        var grid = ImageGrid.Of(volume).Resampled(new Vector3D(s, s, s));
        var hu = Resampler.ToGrid(volume, grid);

        var body = ThresholdAbove(hu, -500);
        var bodyComponents = ConnectedComponents.Label(body);
        if (bodyComponents.Components.Count == 0)
        {
            return Empty(grid, "no body found (no voxel above −500 HU)");
        }

        var largest = bodyComponents.Components.MaxBy(c => c.VoxelCount)!;
        body = bodyComponents.Select(c => c.Label == largest.Label);
        var filled = body.Clone();
        Morphology.FillHolesPerSlice(filled);

        // Air enclosed by the body in its slice: lungs, airways, bowel gas.
        var inside = new MaskVolume(grid);
        for (int i = 0; i < inside.Data.Length; i++)
        {
            inside.Data[i] = filled.Data[i] != 0 && body.Data[i] == 0 && hu.Data[i] < options.AirThresholdHu ? (byte)1 : (byte)0;
        }

        var airway = GrowAirway(hu, inside, warnings);
        var lungs = inside;
        if (airway is not null)
        {
            var airwayWide = Morphology.Dilate(airway, s * 1.01);
            for (int i = 0; i < lungs.Data.Length; i++)
            {
                if (airwayWide.Data[i] != 0)
                {
                    lungs.Data[i] = 0;
                }
            }
        }

        double voxelMl = grid.VoxelVolume / 1000;
        var components = ConnectedComponents.Label(lungs);
        var large = components.Components.Where(c => !c.TouchesBorder(grid) || c.VoxelCount * voxelMl > 500)
            .Where(c => c.VoxelCount * voxelMl >= options.MinLungVolumeMl / 4)
            .OrderByDescending(c => c.VoxelCount).ToList();
        if (large.Count == 0)
        {
            return Empty(grid, "no lung found (no large air region inside the body)");
        }

        // Keep the two largest air regions when the second is lung-sized relative to the first (bowel gas is not).
        var keep = large.Count > 1 && large[1].VoxelCount >= large[0].VoxelCount * 0.15 ? large.Take(2).ToList() : [large[0]];
        List<MaskVolume> seeds = keep.Count == 2
            ? [components.Select(c => c.Label == keep[0].Label), components.Select(c => c.Label == keep[1].Label)]
            : SplitLungs(components.Select(c => c.Label == keep[0].Label), warnings);

        var labels = new MaskVolume(grid);
        foreach (var (lung, index) in seeds.Select((m, i) => (m, i)))
        {
            var closed = Morphology.Close(lung, options.PleuralClosingRadiusMm);
            Morphology.FillHolesPerSlice(closed);
            byte label = LabelOf(lung, seeds, index);
            for (int i = 0; i < labels.Data.Length; i++)
            {
                // Closing may bridge into the body wall but never outside the body outline.
                if (closed.Data[i] != 0 && labels.Data[i] == 0 && filled.Data[i] != 0)
                {
                    labels.Data[i] = label;
                }
            }
        }

        var hull = new MaskVolume(grid);
        foreach (byte label in new[] { LungSegmentation.RightLung, LungSegmentation.LeftLung })
        {
            var one = new MaskVolume(grid);
            for (int i = 0; i < one.Data.Length; i++)
            {
                one.Data[i] = labels.Data[i] == label ? (byte)1 : (byte)0;
            }

            var filledHull = SliceConvexHull.Fill(one, label);
            for (int i = 0; i < hull.Data.Length; i++)
            {
                if (filledHull.Data[i] != 0 && hull.Data[i] == 0 && filled.Data[i] != 0)
                {
                    hull.Data[i] = label;
                }
            }
        }

        var result = new LungSegmentation(labels, warnings, airway is not null, hull);
        if (result.RightVolumeMl < options.MinLungVolumeMl || result.LeftVolumeMl < options.MinLungVolumeMl)
        {
            warnings.Add($"small lung volume (right {result.RightVolumeMl:0} mL, left {result.LeftVolumeMl:0} mL): partial coverage or a collapsed lung");
        }

        return result;
    }

    /// <summary>Right lung is on the patient's right: smaller LPS x.</summary>
    private static byte LabelOf(MaskVolume lung, List<MaskVolume> all, int index)
    {
        if (all.Count == 1)
        {
            return CentroidX(lung) > 0 ? LungSegmentation.LeftLung : LungSegmentation.RightLung;
        }

        double own = CentroidX(lung), other = CentroidX(all[1 - index]);
        return own > other ? LungSegmentation.LeftLung : LungSegmentation.RightLung;
    }

    private static double CentroidX(MaskVolume mask)
    {
        var g = mask.Grid;
        double sum = 0;
        long n = 0;
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (mask.Data[g.Index(x, y, z)] != 0)
                    {
                        sum += g.VoxelToWorld(x, y, z).X;
                        n++;
                    }
                }
            }
        }

        return n == 0 ? 0 : sum / n;
    }

    /// <summary>Lungs joined at the anterior or posterior junction: erode until two large parts appear, then give
    /// every voxel to the nearer part.</summary>
    private List<MaskVolume> SplitLungs(MaskVolume joined, List<string> warnings)
    {
        long total = joined.CountNonZero();
        for (double r = options.GridSpacingMm; r <= 12; r += options.GridSpacingMm)
        {
            var eroded = Morphology.Erode(joined, r);
            var parts = ConnectedComponents.Label(eroded);
            var big = parts.Components.Where(c => c.VoxelCount >= total * 0.1 / Math.Max(1, r)).OrderByDescending(c => c.VoxelCount).Take(2).ToList();
            if (big.Count == 2)
            {
                var a = parts.Select(c => c.Label == big[0].Label);
                var b = parts.Select(c => c.Label == big[1].Label);
                var da = DistanceTransform.SquaredToNearest(a);
                var db = DistanceTransform.SquaredToNearest(b);
                var ma = new MaskVolume(joined.Grid);
                var mb = new MaskVolume(joined.Grid);
                for (int i = 0; i < joined.Data.Length; i++)
                {
                    if (joined.Data[i] != 0)
                    {
                        (da[i] <= db[i] ? ma : mb).Data[i] = 1;
                    }
                }

                return [ma, mb];
            }
        }

        warnings.Add("left and right lungs could not be separated; treated as one lung");
        return [joined];
    }

    /// <summary>Grows the airway tree from the trachea (a small air region at the top of the body, near the midline)
    /// through voxels below the airway threshold; gives up when it leaks into the lungs.</summary>
    private MaskVolume? GrowAirway(FloatVolume hu, MaskVolume inside, List<string> warnings)
    {
        var g = hu.Grid;
        bool superiorIsHighZ = g.DirectionZ.Z > 0;
        double sliceArea = g.Spacing.X * g.Spacing.Y;
        for (int step = 0; step < g.SizeZ; step++)
        {
            int z = superiorIsHighZ ? g.SizeZ - 1 - step : step;
            var slice = new MaskVolume(g with { SizeZ = 1, Origin = g.VoxelToWorld(0, 0, z) });
            inside.Data.AsSpan(z * g.SliceLength, g.SliceLength).CopyTo(slice.Data);
            var parts = ConnectedComponents.Label(slice).Components.Where(c => c.VoxelCount * sliceArea >= 40).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            var trachea = parts.Where(c => c.VoxelCount * sliceArea <= 700).OrderBy(c => Math.Abs(c.Centroid.X - (g.SizeX / 2.0))).FirstOrDefault();
            if (trachea is null)
            {
                // The first air at the top is already lung apex: no trachea visible above the lungs.
                warnings.Add("trachea not found above the lung apices; airways left in the lung mask");
                return null;
            }

            return TrackAirway(hu, inside, trachea, z, superiorIsHighZ, warnings);
        }

        return null;
    }

    /// <summary>
    /// Follows the trachea and main bronchi slice by slice towards the feet: each slice keeps the airway-dark regions
    /// that overlap the previous slice's airway and stay tube-sized. A region that suddenly grows is lung, not airway,
    /// so tracking never leaks into the parenchyma the way 3-D region growing does on low-density lungs.
    /// </summary>
    private MaskVolume? TrackAirway(FloatVolume hu, MaskVolume inside, ConnectedComponent trachea, int startZ, bool superiorIsHighZ, List<string> warnings)
    {
        var g = hu.Grid;
        double sliceArea = g.Spacing.X * g.Spacing.Y;
        int maxArea = (int)(700 / sliceArea);
        var airway = new MaskVolume(g);
        var sliceGrid = g with { SizeZ = 1 };
        // Start from the whole trachea cross-section found in the top slice (its voxels, via the inside mask).
        var previous = new bool[g.SliceLength];
        int cx = (int)Math.Round(trachea.Centroid.X), cy = (int)Math.Round(trachea.Centroid.Y);
        for (int y = trachea.MinY; y <= trachea.MaxY; y++)
        {
            for (int x = trachea.MinX; x <= trachea.MaxX; x++)
            {
                previous[(y * g.SizeX) + x] = inside.Data[(startZ * g.SliceLength) + (y * g.SizeX) + x] != 0;
            }
        }

        int step = superiorIsHighZ ? -1 : 1;
        int tracked = 0;
        for (int z = startZ; z >= 0 && z < g.SizeZ; z += step)
        {
            var dark = new MaskVolume(sliceGrid);
            int offset = z * g.SliceLength;
            for (int i = 0; i < g.SliceLength; i++)
            {
                dark.Data[i] = inside.Data[offset + i] != 0 && hu.Data[offset + i] < options.AirwayThresholdHu ? (byte)1 : (byte)0;
            }

            var parts = ConnectedComponents.Label(dark);
            var keep = new bool[parts.Components.Count + 1];
            for (int i = 0; i < g.SliceLength; i++)
            {
                int label = parts.Labels[i];
                if (label != 0 && previous[i] && parts.Components[label - 1].VoxelCount <= maxArea)
                {
                    keep[label] = true;
                }
            }

            Array.Clear(previous);
            bool any = false;
            for (int i = 0; i < g.SliceLength; i++)
            {
                if (keep[parts.Labels[i]] && parts.Labels[i] != 0)
                {
                    airway.Data[offset + i] = 1;
                    previous[i] = true;
                    any = true;
                }
            }

            if (!any)
            {
                break;
            }

            tracked++;
        }

        if (tracked < 3)
        {
            warnings.Add("trachea could not be followed; airways left in the lung mask");
            return null;
        }

        return airway;
    }

    private static MaskVolume ThresholdAbove(FloatVolume hu, float threshold)
    {
        var mask = new MaskVolume(hu.Grid);
        for (int i = 0; i < hu.Data.Length; i++)
        {
            mask.Data[i] = hu.Data[i] > threshold ? (byte)1 : (byte)0;
        }

        return mask;
    }

    private static LungSegmentation Empty(ImageGrid grid, string warning) => new(new MaskVolume(grid), [warning], false);
}
