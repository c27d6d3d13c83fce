namespace NoduleScope.Imaging.Registration;

/// <summary>
/// Refines a global transform around one point: compares a cube of the fixed image (1 mm samples along the world axes)
/// with the moving image through the transform, for every shift within the search radius, by normalised
/// cross-correlation — first every 2 mm on every other sample, then every 1 mm near the best, then a parabola through
/// the peak for a sub-millimetre shift.
/// </summary>
public static class LocalTranslationSearch
{
    public static LocalSearchResult Search(CtVolume fixedVolume, CtVolume moving, AffineTransform fixedToMoving, Vector3D fixedPoint, LocalSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fixedVolume);
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(fixedToMoving);
        options ??= new LocalSearchOptions();
        int h = Math.Max(2, (int)Math.Round(options.HalfSizeMm));
        int r = Math.Max(1, (int)Math.Round(options.SearchRadiusMm));
        int n = (2 * h) + 1, nm = (2 * (h + r)) + 1;
        var fixedCube = Cube(fixedVolume, AffineTransform.Identity, fixedPoint, h, options);
        var movingCube = Cube(moving, fixedToMoving, fixedPoint, h + r, options);

        var cache = new Dictionary<(int, int, int), double>();
        double Score(int sx, int sy, int sz, int stride)
        {
            lock (cache)
            {
                if (stride == 1 && cache.TryGetValue((sx, sy, sz), out double known))
                {
                    return known;
                }
            }

            double value = Correlation(fixedCube, n, movingCube, nm, sx + r, sy + r, sz + r, stride);
            if (stride == 1)
            {
                lock (cache)
                {
                    cache[(sx, sy, sz)] = value;
                }
            }

            return value;
        }

        double atZero = Score(0, 0, 0, 1);
        if (double.IsNaN(atZero))
        {
            return new LocalSearchResult(Vector3D.Zero, 0, 0, false);
        }

        // Coarse: even shifts, every other sample.
        var coarse = new List<(int X, int Y, int Z)>();
        for (int z = -r; z <= r; z++)
        {
            for (int y = -r; y <= r; y++)
            {
                for (int x = -r; x <= r; x++)
                {
                    if (((x - r) & 1) == 0 && ((y - r) & 1) == 0 && ((z - r) & 1) == 0)
                    {
                        coarse.Add((x, y, z));
                    }
                }
            }
        }

        var best = Best(coarse, s => Score(s.X, s.Y, s.Z, 2));

        // Fine: every shift within 2 mm of the best, all samples, until the best stops moving.
        for (int round = 0; round < 3; round++)
        {
            var fine = new List<(int X, int Y, int Z)>();
            for (int z = Math.Max(-r, best.Z - 2); z <= Math.Min(r, best.Z + 2); z++)
            {
                for (int y = Math.Max(-r, best.Y - 2); y <= Math.Min(r, best.Y + 2); y++)
                {
                    for (int x = Math.Max(-r, best.X - 2); x <= Math.Min(r, best.X + 2); x++)
                    {
                        fine.Add((x, y, z));
                    }
                }
            }

            var next = Best(fine, s => Score(s.X, s.Y, s.Z, 1));
            bool moved = next != best;
            best = next;
            if (!moved)
            {
                break;
            }
        }

        double peak = Score(best.X, best.Y, best.Z, 1);
        double Offset(int axis)
        {
            var minus = best;
            var plus = best;
            switch (axis)
            {
                case 0: minus.X--; plus.X++; break;
                case 1: minus.Y--; plus.Y++; break;
                default: minus.Z--; plus.Z++; break;
            }

            int value = axis == 0 ? best.X : axis == 1 ? best.Y : best.Z;
            if (value <= -r || value >= r)
            {
                return 0;
            }

            double a = Score(minus.X, minus.Y, minus.Z, 1), c = Score(plus.X, plus.Y, plus.Z, 1);
            double curvature = a - (2 * peak) + c;
            return curvature < 0 ? Math.Clamp((a - c) / (2 * curvature), -0.5, 0.5) : 0;
        }

        var shift = new Vector3D(best.X + Offset(0), best.Y + Offset(1), best.Z + Offset(2));
        bool border = Math.Abs(best.X) == r || Math.Abs(best.Y) == r || Math.Abs(best.Z) == r;
        return new LocalSearchResult(shift, peak, atZero, border);
    }

    private static (int X, int Y, int Z) Best(List<(int X, int Y, int Z)> shifts, Func<(int X, int Y, int Z), double> score)
    {
        var values = new double[shifts.Count];
        Parallel.For(0, shifts.Count, i =>
        {
            double value = score(shifts[i]);
            values[i] = double.IsNaN(value) ? -2 : value;
        });
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            // Ties go to the smaller shift (the list is not ordered by size, so compare lengths).
            if (values[i] > values[best] || (values[i] == values[best] && Length2(shifts[i]) < Length2(shifts[best])))
            {
                best = i;
            }
        }

        return shifts[best];
    }

    private static int Length2((int X, int Y, int Z) s) => (s.X * s.X) + (s.Y * s.Y) + (s.Z * s.Z);

    /// <summary>HU at 1 mm steps along the world axes within ±<paramref name="half"/> mm of the point, through the transform; air outside.</summary>
    private static float[] Cube(CtVolume volume, AffineTransform transform, Vector3D centre, int half, LocalSearchOptions options)
    {
        int size = (2 * half) + 1;
        var cube = new float[size * size * size];
        var toIndex = transform.Then(new AffineTransform(GridAffine.IndexToWorld(volume.Grid), volume.Origin).Inverse());
        int nx = volume.SizeX, ny = volume.SizeY, nz = volume.SizeZ;
        short[] voxels = volume.Voxels;
        Parallel.For(0, size, k =>
        {
            var data = voxels.AsSpan();
            for (int j = 0; j < size; j++)
            {
                for (int i = 0; i < size; i++)
                {
                    var p = toIndex.Apply(centre + new Vector3D(i - half, j - half, k - half));
                    float v = VolumeSampler.TrySample(data, nx, ny, nz, p.X, p.Y, p.Z, out float hu) ? hu : options.MinHu;
                    cube[(((k * size) + j) * size) + i] = Math.Clamp(v, options.MinHu, options.MaxHu);
                }
            }
        });
        return cube;
    }

    /// <summary>NCC of the fixed cube with the moving cube's window starting at (ox, oy, oz); NaN when either is flat.</summary>
    private static double Correlation(float[] f, int n, float[] m, int nm, int ox, int oy, int oz, int stride)
    {
        double sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
        long count = 0;
        for (int k = 0; k < n; k += stride)
        {
            for (int j = 0; j < n; j += stride)
            {
                int fr = ((k * n) + j) * n;
                int mr = ((((k + oz) * nm) + j + oy) * nm) + ox;
                for (int i = 0; i < n; i += stride)
                {
                    double a = f[fr + i], b = m[mr + i];
                    sf += a;
                    sm += b;
                    sff += a * a;
                    smm += b * b;
                    sfm += a * b;
                    count++;
                }
            }
        }

        double vf = sff - (sf * sf / count), vm = smm - (sm * sm / count);
        if (vf <= 1e-6 * count || vm <= 1e-6 * count)
        {
            return double.NaN;
        }

        return (sfm - (sf * sm / count)) / Math.Sqrt(vf * vm);
    }
}
