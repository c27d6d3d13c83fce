using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Candidates;

/// <summary>
/// Finds lung masses (over ~3 cm) that the dense-component detector loses because, inside a lung's convex hull, they
/// join the mediastinum or chest wall into one oversized component. On the lung segmentation's coarse grid it takes
/// the centres of the largest balls that fit in the dense tissue inside each lung's hull, and casts rays from each:
/// a mass lies within the lung's envelope, so most rays, including those going up and those going down, leave it into
/// aerated lung of the same lung; the heart, the aorta, the liver dome and the chest wall, which the hull also takes in
/// where the lung curves round them, go on into the body beyond that lung's hull on at least one side.
/// </summary>
public sealed class MassFinder
{
    private const int HalfDirections = 48;
    internal static readonly Vector3D[] Directions = SphereDirections.Symmetric(HalfDirections);

    private readonly CandidateGeneratorOptions options;

    public MassFinder(CandidateGeneratorOptions? options = null)
    {
        this.options = options ?? new CandidateGeneratorOptions();
    }

    /// <summary>The ball centres whose rays show a lesion enclosed by lung: <see cref="MassRegion.Enclosure"/> at
    /// least <see cref="CandidateGeneratorOptions.MassMinEnclosure"/>.</summary>
    public List<MassRegion> Find(CtVolume volume, LungSegmentation lungs)
    {
        var masses = new List<MassRegion>();
        foreach (var r in Regions(volume, lungs))
        {
            if (r.Enclosure >= options.MassMinEnclosure)
            {
                masses.Add(r with { Envelope = Envelope(r, lungs.Hull) });
            }
        }

        return masses;
    }

    /// <summary>Every ball centre found, with what its rays met (unfiltered).</summary>
    internal List<MassRegion> Regions(CtVolume volume, LungSegmentation lungs)
    {
        var g = lungs.Labels.Grid;
        var hu = Resampler.ToGrid(volume, g);
        var dense = new MaskVolume(g);
        float threshold = (float)options.DenseThresholdHu;
        for (int i = 0; i < dense.Data.Length; i++)
        {
            dense.Data[i] = lungs.Hull.Data[i] != 0 && hu.Data[i] > threshold ? (byte)1 : (byte)0;
        }

        var depth = DistanceTransform.SquaredToNearest(dense, toSet: false);
        var found = new List<MassRegion>();
        foreach (var (index, radius) in BallCentres(depth, g))
        {
            found.Add(CastRays(Position(index, g), radius, dense, lungs.Hull));
        }

        return found;
    }

    /// <summary>Local maxima of the inside distance at least the core radius deep, deepest first, none within the
    /// radius of a deeper one.</summary>
    private List<(int Index, double Radius)> BallCentres(float[] depth, ImageGrid g)
    {
        float min = (float)(options.MassCoreRadiusMm * options.MassCoreRadiusMm);
        int nx = g.SizeX, slice = g.SliceLength;
        var maxima = new List<(int Index, double Radius)>();
        for (int z = 1; z < g.SizeZ - 1; z++)
        {
            for (int y = 1; y < g.SizeY - 1; y++)
            {
                int row = (z * slice) + (y * nx);
                for (int x = 1; x < nx - 1; x++)
                {
                    int i = row + x;
                    float v = depth[i];
                    if (v >= min && VoxelMaxima.IsMaximum(depth, i, v, nx, slice))
                    {
                        maxima.Add((i, Math.Sqrt(v)));
                    }
                }
            }
        }

        maxima.Sort((a, b) => b.Radius.CompareTo(a.Radius));
        var kept = new List<(int Index, double Radius)>();
        foreach (var m in maxima)
        {
            var p = Position(m.Index, g);
            bool inside = false;
            foreach (var k in kept)
            {
                if ((Position(k.Index, g) - p).Length < k.Radius)
                {
                    inside = true;
                    break;
                }
            }

            if (!inside)
            {
                kept.Add(m);
            }
        }

        return kept;
    }

    private static Vector3D Position(int index, ImageGrid g) => g.VoxelToWorld(index % g.SizeX, index / g.SizeX % g.SizeY, index / g.SliceLength);

    /// <summary>Rays from the centre, and, so that where exactly the deepest voxel lies matters less, from six points
    /// half the ball's radius away from it (those still in the same lung's dense tissue): the fractions are their means.</summary>
    private MassRegion CastRays(Vector3D center, double radius, MaskVolume dense, MaskVolume hull)
    {
        byte side = hull.At(center);
        double reach = radius + options.MassRayReachMm;
        var (lengths, endsInLung) = Fan(center, reach, side, dense, hull);
        double lung = 0, above = 0, below = 0;
        int origins = 0;
        foreach (var offset in Offsets)
        {
            var origin = center + (offset * (radius / 2));
            if (offset != Vector3D.Zero && (dense.At(origin) == 0 || hull.At(origin) != side))
            {
                continue;
            }

            var ends = offset == Vector3D.Zero ? endsInLung : Fan(origin, reach, side, dense, hull).EndsInLung;
            var (l, a, b) = Fractions(ends);
            lung += l;
            above += a;
            below += b;
            origins++;
        }

        double lungDistance = 0;
        int lungRays = 0;
        for (int k = 0; k < lengths.Length; k++)
        {
            if (endsInLung[k])
            {
                lungDistance += lengths[k];
                lungRays++;
            }
        }

        return new MassRegion(center, radius)
        {
            LungFraction = lung / origins,
            LungAboveFraction = above / origins,
            LungBelowFraction = below / origins,
            LungRadiusMm = lungRays == 0 ? 0 : lungDistance / lungRays,
            RayLengths = lengths,
            RayEndsInLung = endsInLung,
        };
    }

    private static readonly Vector3D[] Offsets =
        [Vector3D.Zero, new(1, 0, 0), new(-1, 0, 0), new(0, 1, 0), new(0, -1, 0), new(0, 0, 1), new(0, 0, -1)];

    /// <summary>How far each ray runs through dense tissue from <paramref name="origin"/>, and whether it then meets
    /// aerated lung (rather than the edge of the lung's hull, or nothing within reach).</summary>
    private static (double[] Lengths, bool[] EndsInLung) Fan(Vector3D origin, double reach, byte side, MaskVolume dense, MaskVolume hull)
    {
        var g = dense.Grid;
        double step = Math.Min(g.Spacing.X, Math.Min(g.Spacing.Y, g.Spacing.Z)) / 2;
        var lengths = new double[Directions.Length];
        var endsInLung = new bool[Directions.Length];
        for (int k = 0; k < Directions.Length; k++)
        {
            var d = Directions[k];
            lengths[k] = reach;
            for (double t = step; t <= reach; t += step)
            {
                var v = g.WorldToVoxel(origin + (d * t));
                int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
                if (!g.Contains(x, y, z))
                {
                    break;
                }

                int i = g.Index(x, y, z);
                if (hull.Data[i] != side)
                {
                    lengths[k] = t;
                    break;
                }

                if (dense.Data[i] == 0)
                {
                    endsInLung[k] = true;
                    lengths[k] = t;
                    break;
                }
            }
        }

        return (lengths, endsInLung);
    }

    /// <summary>Share of all rays, of those more than 45° above the axial plane and of those more than 45° below it,
    /// that end in lung.</summary>
    private static (double All, double Above, double Below) Fractions(bool[] endsInLung)
    {
        int lung = 0, above = 0, aboveLung = 0, below = 0, belowLung = 0;
        for (int k = 0; k < Directions.Length; k++)
        {
            int hit = endsInLung[k] ? 1 : 0;
            lung += hit;
            if (Directions[k].Z > Math.Sqrt(0.5))
            {
                above++;
                aboveLung += hit;
            }
            else if (Directions[k].Z < -Math.Sqrt(0.5))
            {
                below++;
                belowLung += hit;
            }
        }

        return (lung / (double)Directions.Length, aboveLung / (double)above, belowLung / (double)below);
    }

    /// <summary>The star-shaped region around the centre bounded along each ray by where it met lung, and along rays
    /// that met none by the median of those that did (the mass closes across its attachments at its own radius).</summary>
    private static MaskVolume Envelope(MassRegion r, MaskVolume hull)
    {
        var g = hull.Grid;
        var lungEnds = new List<double>();
        for (int k = 0; k < Directions.Length; k++)
        {
            if (r.RayEndsInLung[k])
            {
                lungEnds.Add(r.RayLengths[k]);
            }
        }

        lungEnds.Sort();
        double median = lungEnds.Count == 0 ? r.InscribedRadiusMm : lungEnds[lungEnds.Count / 2];
        var bound = new double[Directions.Length];
        double farthest = 0;
        for (int k = 0; k < Directions.Length; k++)
        {
            // Partial volume: the lung edge of a ray lies a little beyond the last dense sample.
            bound[k] = (r.RayEndsInLung[k] ? r.RayLengths[k] : Math.Min(r.RayLengths[k], median)) + Math.Max(g.Spacing.X, g.Spacing.Z);
            farthest = Math.Max(farthest, bound[k]);
        }

        var envelope = new MaskVolume(g);
        var c = g.WorldToVoxel(r.Center);
        int rx = (int)Math.Ceiling(farthest / g.Spacing.X), ry = (int)Math.Ceiling(farthest / g.Spacing.Y), rz = (int)Math.Ceiling(farthest / g.Spacing.Z);
        int cx = (int)Math.Round(c.X), cy = (int)Math.Round(c.Y), cz = (int)Math.Round(c.Z);
        for (int z = Math.Max(0, cz - rz); z <= Math.Min(g.SizeZ - 1, cz + rz); z++)
        {
            for (int y = Math.Max(0, cy - ry); y <= Math.Min(g.SizeY - 1, cy + ry); y++)
            {
                for (int x = Math.Max(0, cx - rx); x <= Math.Min(g.SizeX - 1, cx + rx); x++)
                {
                    var v = g.VoxelToWorld(x, y, z) - r.Center;
                    double length = v.Length;
                    if (length > farthest)
                    {
                        continue;
                    }

                    int nearest = 0;
                    double best = double.MinValue;
                    for (int k = 0; k < Directions.Length; k++)
                    {
                        double dot = Directions[k].Dot(v);
                        if (dot > best)
                        {
                            (best, nearest) = (dot, k);
                        }
                    }

                    envelope.Data[g.Index(x, y, z)] = length <= bound[nearest] ? (byte)1 : (byte)0;
                }
            }
        }

        return envelope;
    }
}
