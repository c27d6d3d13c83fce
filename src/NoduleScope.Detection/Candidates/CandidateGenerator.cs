using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Candidates;

/// <summary>
/// Finds nodule candidates inside the lungs at a fixed working spacing: local maxima of the multi-scale,
/// scale-normalised Laplacian of Gaussian (bright blobs of radius ≈ √3 σ), plus compact dense components for nodules
/// and masses larger than the largest blob scale, plus lung-enclosed masses that join the mediastinum or chest wall
/// (<see cref="MassFinder"/>). Candidates closer than their radius are merged, masses and components first.
/// </summary>
public sealed class CandidateGenerator
{
    private readonly CandidateGeneratorOptions options;

    public CandidateGenerator(CandidateGeneratorOptions? options = null)
    {
        this.options = options ?? new CandidateGeneratorOptions();
        if (this.options.Ranker is { } ranker && !ranker.FeatureNames.SequenceEqual(BlobRankFeatures.Names(this.options.ScalesMm.Count)))
        {
            throw new InvalidDataException($"blob ranker '{ranker.Name}' was trained on other features than this version computes; retrain it with 'nodulescope train'");
        }
    }

    /// <summary>The ranking of blob maxima in use: the learned ranker's name and model hash, or the hand-set rule.</summary>
    public string RankerDescription => options.Ranker is not { } ranker ? "hand-set (response x (0.1 + dotness))"
        : $"{ranker.Name} ({(ReferenceEquals(ranker, BlobRankerModel.Embedded) ? BlobRankerModel.EmbeddedHash : GradientBoostedTrees.Hash(ranker.ToJson()))})";

    public IReadOnlyList<Candidate> Generate(CtVolume volume, LungSegmentation lungs) => Suppress(FindAll(volume, lungs));

    /// <summary>Every detector's candidates before duplicates are merged and the list is capped (for diagnostics).</summary>
    public List<Candidate> FindAll(CtVolume volume, LungSegmentation lungs)
    {
        var grid = WorkingGrid(volume, lungs);
        if (grid is null)
        {
            return [];
        }

        var hu = Resampler.ToGrid(volume, grid);
        var lungMask = Resampler.ToGrid(lungs.Labels, grid);
        var hullMask = Resampler.ToGrid(lungs.Hull, grid);
        foreach (ref float v in hu.Data.AsSpan())
        {
            // Ribs and contrast would dominate the filter; nodules are fully described below +300 HU.
            v = Math.Clamp(v, -1000f, 300f);
        }

        var smoothed = new Dictionary<float, float[]>();
        var (response, scale) = BlobResponse(hu, smoothed);
        var found = LocalMaxima(response, scale, lungMask, grid, smoothed);
        if (options.Ranker is { } ranker)
        {
            Rank(found, ranker);
        }

        found.AddRange(DenseComponents(hu, hullMask));
        foreach (var m in new MassFinder(options).Find(volume, lungs))
        {
            found.Add(new Candidate(m.Center, Math.Max(m.InscribedRadiusMm, m.LungRadiusMm), 40 + (2 * m.LungRadiusMm), CandidateSource.Mass) { Extent = m.Envelope });
        }

        return found;
    }

    /// <summary>The lungs' bounding box plus a margin, at the working spacing.</summary>
    private ImageGrid? WorkingGrid(CtVolume volume, LungSegmentation lungs)
    {
        var lg = lungs.Labels.Grid;
        int minX = int.MaxValue, minY = int.MaxValue, minZ = int.MaxValue, maxX = -1, maxY = -1, maxZ = -1;
        for (int z = 0; z < lg.SizeZ; z++)
        {
            for (int y = 0; y < lg.SizeY; y++)
            {
                int row = lg.Index(0, y, z);
                for (int x = 0; x < lg.SizeX; x++)
                {
                    if (lungs.Labels.Data[row + x] != 0)
                    {
                        minX = Math.Min(minX, x);
                        maxX = Math.Max(maxX, x);
                        minY = Math.Min(minY, y);
                        maxY = Math.Max(maxY, y);
                        minZ = Math.Min(minZ, z);
                        maxZ = Math.Max(maxZ, z);
                    }
                }
            }
        }

        if (maxX < 0)
        {
            return null;
        }

        double s = options.WorkingSpacingMm;
        var full = ImageGrid.Of(volume).Resampled(new Vector3D(s, s, s));
        var lo = full.WorldToVoxel(lg.VoxelToWorld(minX, minY, minZ));
        var hi = full.WorldToVoxel(lg.VoxelToWorld(maxX, maxY, maxZ));
        int margin = (int)Math.Ceiling(8 / s);
        int x0 = Math.Max(0, (int)Math.Floor(Math.Min(lo.X, hi.X)) - margin), x1 = Math.Min(full.SizeX, (int)Math.Ceiling(Math.Max(lo.X, hi.X)) + margin + 1);
        int y0 = Math.Max(0, (int)Math.Floor(Math.Min(lo.Y, hi.Y)) - margin), y1 = Math.Min(full.SizeY, (int)Math.Ceiling(Math.Max(lo.Y, hi.Y)) + margin + 1);
        int z0 = Math.Max(0, (int)Math.Floor(Math.Min(lo.Z, hi.Z)) - margin), z1 = Math.Min(full.SizeZ, (int)Math.Ceiling(Math.Max(lo.Z, hi.Z)) + margin + 1);
        return full.Crop(x0, y0, z0, x1, y1, z1);
    }

    /// <summary>max over scales of −σ²∇²(G_σ * I), and the scale that gave it.</summary>
    private (FloatVolume Response, FloatVolume Scale) BlobResponse(FloatVolume hu, Dictionary<float, float[]> smoothedByScale)
    {
        var g = hu.Grid;
        var best = new FloatVolume(g);
        var bestScale = new FloatVolume(g);
        Array.Fill(best.Data, float.MinValue);
        int nx = g.SizeX, slice = g.SliceLength;
        float ix2 = (float)(1 / (g.Spacing.X * g.Spacing.X)), iy2 = (float)(1 / (g.Spacing.Y * g.Spacing.Y)), iz2 = (float)(1 / (g.Spacing.Z * g.Spacing.Z));
        foreach (double sigma in options.ScalesMm)
        {
            var smooth = GaussianFilter.Smooth(hu, sigma).Data;
            smoothedByScale[(float)sigma] = smooth;
            float norm = (float)(sigma * sigma);
            float scaleValue = (float)sigma;
            Parallel.For(1, g.SizeZ - 1, z =>
            {
                for (int y = 1; y < g.SizeY - 1; y++)
                {
                    int row = (z * slice) + (y * nx);
                    for (int x = 1; x < nx - 1; x++)
                    {
                        int i = row + x;
                        float c = smooth[i];
                        float lap = ((smooth[i - 1] + smooth[i + 1] - (2 * c)) * ix2)
                            + ((smooth[i - nx] + smooth[i + nx] - (2 * c)) * iy2)
                            + ((smooth[i - slice] + smooth[i + slice] - (2 * c)) * iz2);
                        float r = -norm * lap;
                        if (r > best.Data[i])
                        {
                            best.Data[i] = r;
                            bestScale.Data[i] = scaleValue;
                        }
                    }
                }
            });
        }

        return (best, bestScale);
    }

    private List<Candidate> LocalMaxima(FloatVolume response, FloatVolume scale, MaskVolume lungMask, ImageGrid g, Dictionary<float, float[]> smoothedByScale)
    {
        var found = new List<Candidate>();
        int nx = g.SizeX, slice = g.SliceLength;
        float min = (float)options.MinResponse;
        var rim = RimOffsets(g);
        var r = response.Data;
        var byScale = new float[options.ScalesMm.Count][];
        for (int s = 0; s < byScale.Length; s++)
        {
            byScale[s] = smoothedByScale[(float)options.ScalesMm[s]];
        }

        for (int z = 1; z < g.SizeZ - 1; z++)
        {
            for (int y = 1; y < g.SizeY - 1; y++)
            {
                int row = (z * slice) + (y * nx);
                for (int x = 1; x < nx - 1; x++)
                {
                    int i = row + x;
                    float v = r[i];
                    if (v < min || !VoxelMaxima.IsMaximum(r, i, v, nx, slice) || (lungMask.Data[i] == 0 && !NearLung(lungMask, rim, x, y, z)))
                    {
                        continue;
                    }

                    // Rank by blob strength times how dot-like (not tube- or plate-like) the peak is, so vessels do not
                    // fill the candidate budget.
                    double sigma = scale.Data[i];
                    var shape = HessianShape(smoothedByScale[scale.Data[i]], i, nx, slice, g);
                    double dot = Dotness(shape);
                    double norm = sigma * sigma;
                    double handRank = v * (options.TubeRankWeight + dot);
                    var features = BlobRankFeatures.Compute(byScale, options.ScalesMm, lungMask, g, x, y, z, v, sigma, shape, dot, handRank);
                    found.Add(new Candidate(g.VoxelToWorld(x, y, z), sigma * Math.Sqrt(3), handRank, CandidateSource.Blob)
                    {
                        RankFeatures = features,
                        Strength = v,
                        Lambda1 = norm * shape.L1,
                        Lambda2 = norm * shape.L2,
                        Lambda3 = norm * shape.L3,
                        NegativeEigenvalues = shape.Negative,
                    });
                }
            }
        }

        return found;
    }

    /// <summary>
    /// Sets each blob maximum's <see cref="Candidate.Priority"/> from the better of its two ranks: by the hand-set
    /// value (response × (weight + dotness)) and by <paramref name="ranker"/>'s probability — the two orders taken in
    /// turn. On tuning-split insertions, leave one background out, this kept more nodules under the cap than either
    /// order alone (docs/benchmarks.md, <c>ranker-recall</c>): the learned order lifts low-contrast and juxtapleural
    /// nodules, the hand-set one keeps the strong round blobs a ranker trained on two backgrounds sometimes demotes.
    /// </summary>
    public static void Rank(List<Candidate> found, GradientBoostedTrees ranker)
    {
        var blobs = new List<int>();
        for (int i = 0; i < found.Count; i++)
        {
            if (found[i].RankFeatures is not null)
            {
                blobs.Add(i);
            }
        }

        var hand = new double[blobs.Count];
        var learned = new double[blobs.Count];
        for (int k = 0; k < blobs.Count; k++)
        {
            hand[k] = found[blobs[k]].Response;
            learned[k] = ranker.Probability(found[blobs[k]].RankFeatures);
        }

        var best = new int[blobs.Count];
        Array.Fill(best, int.MaxValue);
        foreach (var key in new[] { hand, learned })
        {
            var order = new int[blobs.Count];
            for (int k = 0; k < order.Length; k++)
            {
                order[k] = k;
            }

            // Descending by key, ties by position so the order is deterministic.
            Array.Sort(order, (a, b) => key[b] != key[a] ? key[b].CompareTo(key[a]) : a.CompareTo(b));
            for (int r = 0; r < order.Length; r++)
            {
                best[order[r]] = Math.Min(best[order[r]], r);
            }
        }

        for (int k = 0; k < blobs.Count; k++)
        {
            found[blobs[k]] = found[blobs[k]] with { Priority = 1.0 / (1 + best[k]) };
        }
    }

    /// <summary>Voxel offsets within <see cref="CandidateGeneratorOptions.LungRimMm"/> (the ball a dilation of the lung
    /// mask by that radius would use): a maximum outside the mask counts when one of them lands in it. Only maxima are
    /// tested, so this costs far less than dilating the whole working grid.</summary>
    private (int X, int Y, int Z)[] RimOffsets(ImageGrid g)
    {
        var offsets = new List<(int, int, int)>();
        float r2 = (float)(options.LungRimMm * options.LungRimMm);
        float wx = (float)(g.Spacing.X * g.Spacing.X), wy = (float)(g.Spacing.Y * g.Spacing.Y), wz = (float)(g.Spacing.Z * g.Spacing.Z);
        int rx = (int)(options.LungRimMm / g.Spacing.X), ry = (int)(options.LungRimMm / g.Spacing.Y), rz = (int)(options.LungRimMm / g.Spacing.Z);
        for (int dz = -rz; dz <= rz; dz++)
        {
            for (int dy = -ry; dy <= ry; dy++)
            {
                for (int dx = -rx; dx <= rx; dx++)
                {
                    if ((dx * dx * wx) + (dy * dy * wy) + (dz * dz * wz) <= r2 && (dx, dy, dz) != (0, 0, 0))
                    {
                        offsets.Add((dx, dy, dz));
                    }
                }
            }
        }

        return [.. offsets];
    }

    private static bool NearLung(MaskVolume lungMask, (int X, int Y, int Z)[] rim, int x, int y, int z)
    {
        var g = lungMask.Grid;
        foreach (var (dx, dy, dz) in rim)
        {
            if (g.Contains(x + dx, y + dy, z + dz) && lungMask[x + dx, y + dy, z + dz] != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>|λ3| / |λ1| of the Hessian when all three eigenvalues are negative (a bright blob): 1 for a sphere, near 0
    /// for a tube or a plate, 0 when the peak is not a bright blob in every direction.</summary>
    internal static double Dotness(float[] s, int i, int nx, int slice, ImageGrid g) => Dotness(HessianShape(s, i, nx, slice, g));

    private static double Dotness((double L1, double L2, double L3, int Negative) shape) =>
        shape.Negative == 3 && shape.L1 > 0 ? shape.L3 / shape.L1 : 0;

    /// <summary>Hessian eigenvalue magnitudes (largest first) and how many eigenvalues are negative.</summary>
    internal static (double L1, double L2, double L3, int Negative) HessianShape(float[] s, int i, int nx, int slice, ImageGrid g)
    {
        double ix2 = 1 / (g.Spacing.X * g.Spacing.X), iy2 = 1 / (g.Spacing.Y * g.Spacing.Y), iz2 = 1 / (g.Spacing.Z * g.Spacing.Z);
        double c = s[i];
        double hxx = (s[i - 1] + s[i + 1] - (2 * c)) * ix2;
        double hyy = (s[i - nx] + s[i + nx] - (2 * c)) * iy2;
        double hzz = (s[i - slice] + s[i + slice] - (2 * c)) * iz2;
        double hxy = (s[i + 1 + nx] - s[i + 1 - nx] - s[i - 1 + nx] + s[i - 1 - nx]) / (4 * g.Spacing.X * g.Spacing.Y);
        double hxz = (s[i + 1 + slice] - s[i + 1 - slice] - s[i - 1 + slice] + s[i - 1 - slice]) / (4 * g.Spacing.X * g.Spacing.Z);
        double hyz = (s[i + nx + slice] - s[i + nx - slice] - s[i - nx + slice] + s[i - nx - slice]) / (4 * g.Spacing.Y * g.Spacing.Z);
        var (e1, e2, e3) = SymmetricEigenvalues(hxx, hyy, hzz, hxy, hxz, hyz);
        int negative = (e1 < 0 ? 1 : 0) + (e2 < 0 ? 1 : 0) + (e3 < 0 ? 1 : 0);
        double a = Math.Abs(e1), b = Math.Abs(e2), d = Math.Abs(e3);
        double l1 = Math.Max(a, Math.Max(b, d)), l3 = Math.Min(a, Math.Min(b, d));
        return (l1, a + b + d - l1 - l3, l3, negative);
    }

    /// <summary>Eigenvalues of a symmetric 3×3 matrix (closed form, Smith 1961).</summary>
    private static (double, double, double) SymmetricEigenvalues(double a, double b, double c, double d, double e, double f)
    {
        double p1 = (d * d) + (e * e) + (f * f);
        if (p1 < 1e-12)
        {
            return (a, b, c);
        }

        double q = (a + b + c) / 3;
        double p2 = ((a - q) * (a - q)) + ((b - q) * (b - q)) + ((c - q) * (c - q)) + (2 * p1);
        double p = Math.Sqrt(p2 / 6);
        double b11 = (a - q) / p, b22 = (b - q) / p, b33 = (c - q) / p, b12 = d / p, b13 = e / p, b23 = f / p;
        double r = ((b11 * ((b22 * b33) - (b23 * b23))) - (b12 * ((b12 * b33) - (b23 * b13))) + (b13 * ((b12 * b23) - (b22 * b13)))) / 2;
        double phi = r <= -1 ? Math.PI / 3 : r >= 1 ? 0 : Math.Acos(r) / 3;
        double eig1 = q + (2 * p * Math.Cos(phi));
        double eig3 = q + (2 * p * Math.Cos(phi + (2 * Math.PI / 3)));
        return (eig1, (3 * q) - eig1 - eig3, eig3);
    }

    /// <summary>Dense lung regions that survive an opening (which cuts vessels thinner than ~4 mm) and are too large for
    /// the blob scales: their centroids, with the equivalent-sphere radius.</summary>
    private List<Candidate> DenseComponents(FloatVolume hu, MaskVolume lungMask)
    {
        var g = hu.Grid;
        var dense = new MaskVolume(g);
        for (int i = 0; i < dense.Data.Length; i++)
        {
            dense.Data[i] = lungMask.Data[i] != 0 && hu.Data[i] > options.DenseThresholdHu ? (byte)1 : (byte)0;
        }

        var opened = Morphology.Open(dense, 2.0);
        var components = ConnectedComponents.Label(opened);
        var found = new List<Candidate>();
        foreach (var c in components.Components)
        {
            double volume = c.VoxelCount * g.VoxelVolume;
            double diameter = Math.Cbrt(6 * volume / Math.PI);
            if (diameter < options.MinComponentDiameterMm || diameter > options.MaxComponentDiameterMm)
            {
                continue;
            }

            found.Add(new Candidate(g.VoxelToWorld(c.Centroid), diameter / 2, 40 + diameter, CandidateSource.DenseComponent));
        }

        return found;
    }

    /// <summary>A candidate within the radius (at least 3 mm) of a kept one of the same detector is the same finding;
    /// strongest first, at most <see cref="CandidateGeneratorOptions.MaxCandidates"/> (sorts <paramref name="found"/> in
    /// place).</summary>
    public List<Candidate> Suppress(List<Candidate> found)
    {
        // Masses and dense components are few and are the only detectors that see large lesions: they go first, then blobs by strength.
        found.Sort((a, b) => a.Source != b.Source ? b.Source.CompareTo(a.Source) : b.RankValue.CompareTo(a.RankValue));
        var kept = new List<Candidate>();
        foreach (var c in found)
        {
            bool duplicate = false;
            foreach (var k in kept)
            {
                // A dense component's or mass's equivalent radius says how big it is, not where it lies around its
                // centre (vessel trees, irregular masses): a blob is the same finding only when the other's centre is
                // on the blob.
                double reach = Math.Max(3, c.Source == k.Source ? Math.Max(c.RadiusMm, k.RadiusMm) : Math.Min(c.RadiusMm, k.RadiusMm));
                if ((c.Center - k.Center).Length < reach)
                {
                    duplicate = true;
                    break;
                }
            }

            if (!duplicate)
            {
                kept.Add(c);
                if (kept.Count >= options.MaxCandidates)
                {
                    break;
                }
            }
        }

        return kept;
    }
}
