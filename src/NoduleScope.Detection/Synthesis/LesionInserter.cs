using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;

namespace NoduleScope.Detection.Synthesis;

/// <summary>
/// Blends real nodules (CT crop + radiologists' mask) into a background chest CT at plausible lung positions. Inside the
/// feathered mask the background gains the nodule's HU relative to the lung around it in its own crop
/// (out = bg + w·(nodule − nodule's local lung)), so a nodule from a dense crop does not bring its surroundings.
/// The same inputs and seed always give the same volume.
/// </summary>
public sealed class LesionInserter
{
    /// <summary>Minimum gap between the blend regions of two inserted nodules.</summary>
    public const double SeparationMm = 3;

    /// <exception cref="ArgumentException">A nodule's mask is empty or does not match its crop.</exception>
    public InsertionCase Insert(CtVolume background, LungSegmentation lungs, IReadOnlyList<LidcNodule> nodules, LesionPlacement placement, int seed)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(lungs);
        ArgumentNullException.ThrowIfNull(nodules);
        var kinds = Kinds(placement);
        if (kinds.Length == 0)
        {
            throw new ArgumentException("at least one placement kind is needed", nameof(placement));
        }

        var random = new Random(seed);
        var map = new PlacementMap(background, lungs);
        var output = (short[])background.Voxels.Clone();
        var inserted = new List<InsertedNodule>(nodules.Count);
        var warnings = new List<string>();
        for (int n = 0; n < nodules.Count; n++)
        {
            var nodule = nodules[n];
            var template = NoduleTemplate.Create(nodule.Crop, nodule.Mask);
            double radius = nodule.DiameterMm / 2;
            bool mirrorX = random.Next(2) == 1, mirrorY = random.Next(2) == 1;
            Vector3D? centre = null;
            var kind = LesionPlacement.None;
            for (int k = 0; k < kinds.Length && centre is null; k++)
            {
                kind = kinds[(n + k) % kinds.Length];
                centre = map.Find(kind, radius, random, c => Accept(c, background, lungs, template.ExtentRadiusMm, inserted));
            }

            if (centre is not { } c)
            {
                warnings.Add($"{nodule.SourceId} ({nodule.DiameterMm:0.0} mm): no free lung position found for any of {placement}");
                continue;
            }

            Blend(background, output, template, c, mirrorX, mirrorY);
            inserted.Add(new InsertedNodule(c, nodule.DiameterMm, kind, nodule.SourceId, nodule.IsSolid, template.ExtentRadiusMm));
        }

        return new InsertionCase(background.WithVoxels(output), inserted, warnings);
    }

    /// <summary>
    /// Blends each nodule at the given world centre, without a placement search or mirroring: the same nodule (or a
    /// scaled copy) lands with the same shape at the corresponding place of another scan of the same patient.
    /// </summary>
    /// <exception cref="ArgumentException">A nodule's mask is empty or does not match its crop.</exception>
    public InsertionCase InsertAt(CtVolume background, IReadOnlyList<(LidcNodule Nodule, Vector3D Center)> placements)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(placements);
        var output = (short[])background.Voxels.Clone();
        var inserted = new List<InsertedNodule>(placements.Count);
        foreach (var (nodule, centre) in placements)
        {
            var template = NoduleTemplate.Create(nodule.Crop, nodule.Mask);
            Blend(background, output, template, centre, mirrorX: false, mirrorY: false);
            inserted.Add(new InsertedNodule(centre, nodule.DiameterMm, LesionPlacement.None, nodule.SourceId, nodule.IsSolid, template.ExtentRadiusMm));
        }

        return new InsertionCase(background.WithVoxels(output), inserted, []);
    }

    private static LesionPlacement[] Kinds(LesionPlacement placement)
    {
        var kinds = new List<LesionPlacement>(3);
        foreach (var kind in (LesionPlacement[])[LesionPlacement.Parenchyma, LesionPlacement.Juxtapleural, LesionPlacement.Juxtavascular])
        {
            if ((placement & kind) != 0)
            {
                kinds.Add(kind);
            }
        }

        return [.. kinds];
    }

    /// <summary>Snaps a lung-grid candidate to the nearest CT voxel centre (so thick-slice CTs carry the centre on a
    /// slice) and checks it stays in the lung, in the volume and clear of the nodules already placed.</summary>
    private static Vector3D? Accept(Vector3D candidate, CtVolume background, LungSegmentation lungs, double extentMm, List<InsertedNodule> inserted)
    {
        var v = background.WorldToVoxel(candidate);
        int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
        if (x - (extentMm / background.Spacing.X) < 0 || x + (extentMm / background.Spacing.X) > background.SizeX - 1
            || y - (extentMm / background.Spacing.Y) < 0 || y + (extentMm / background.Spacing.Y) > background.SizeY - 1
            || z - (extentMm / background.Spacing.Z) < 0 || z + (extentMm / background.Spacing.Z) > background.SizeZ - 1)
        {
            return null;
        }

        var centre = background.VoxelToWorld(x, y, z);
        if (lungs.LungAt(centre) == 0)
        {
            return null;
        }

        foreach (var other in inserted)
        {
            if ((other.Center - centre).Length < extentMm + other.ExtentRadiusMm + SeparationMm)
            {
                return null;
            }
        }

        return centre;
    }

    /// <summary>Trilinear resampling of the template onto the background voxels within its extent around <paramref name="centre"/>.</summary>
    private static void Blend(CtVolume background, short[] output, NoduleTemplate template, Vector3D centre, bool mirrorX, bool mirrorY)
    {
        var t = template.Grid;
        double extent = template.ExtentRadiusMm;
        var cv = background.WorldToVoxel(centre);
        int x0 = Math.Max(0, (int)Math.Floor(cv.X - (extent / background.Spacing.X))), x1 = Math.Min(background.SizeX - 1, (int)Math.Ceiling(cv.X + (extent / background.Spacing.X)));
        int y0 = Math.Max(0, (int)Math.Floor(cv.Y - (extent / background.Spacing.Y))), y1 = Math.Min(background.SizeY - 1, (int)Math.Ceiling(cv.Y + (extent / background.Spacing.Y)));
        int z0 = Math.Max(0, (int)Math.Floor(cv.Z - (extent / background.Spacing.Z))), z1 = Math.Min(background.SizeZ - 1, (int)Math.Ceiling(cv.Z + (extent / background.Spacing.Z)));

        // The background-voxel → template-voxel map is affine: template index = p0 + x·px + y·py + z·pz.
        var mirror = new Vector3D(mirrorX ? -1 : 1, mirrorY ? -1 : 1, 1);
        Vector3D Mirror(Vector3D d) => new(d.X * mirror.X, d.Y * mirror.Y, d.Z * mirror.Z);
        Vector3D TemplateIndex(Vector3D offset) => t.WorldToVoxel(template.Center + Mirror(offset));
        var p0 = TemplateIndex(background.VoxelToWorld(0, 0, 0) - centre);
        var px = TemplateIndex(background.DirectionX * background.Spacing.X) - TemplateIndex(Vector3D.Zero);
        var py = TemplateIndex(background.DirectionY * background.Spacing.Y) - TemplateIndex(Vector3D.Zero);
        var pz = TemplateIndex(background.DirectionZ * background.Spacing.Z) - TemplateIndex(Vector3D.Zero);

        short[] input = background.Voxels;
        float[] delta = template.Delta, weight = template.Weight;
        int nx = t.SizeX, ny = t.SizeY, nz = t.SizeZ;
        double extentSquared = extent * extent;
        double sx = background.Spacing.X, sy = background.Spacing.Y, sz = background.Spacing.Z;
        for (int z = z0; z <= z1; z++)
        {
            for (int y = y0; y <= y1; y++)
            {
                long row = (((long)z * background.SizeY) + y) * background.SizeX;
                for (int x = x0; x <= x1; x++)
                {
                    // Axis-scaled distance; exact for orthogonal axes, a close bound for tilted ones.
                    double dx = (x - cv.X) * sx, dy = (y - cv.Y) * sy, dz = (z - cv.Z) * sz;
                    if ((dx * dx) + (dy * dy) + (dz * dz) > extentSquared)
                    {
                        continue;
                    }

                    double ti = p0.X + (x * px.X) + (y * py.X) + (z * pz.X);
                    double tj = p0.Y + (x * px.Y) + (y * py.Y) + (z * pz.Y);
                    double tk = p0.Z + (x * px.Z) + (y * py.Z) + (z * pz.Z);
                    if (!(ti >= 0 && tj >= 0 && tk >= 0 && ti <= nx - 1 && tj <= ny - 1 && tk <= nz - 1))
                    {
                        continue;
                    }

                    int i0 = Math.Min((int)ti, Math.Max(0, nx - 2)), j0 = Math.Min((int)tj, Math.Max(0, ny - 2)), k0 = Math.Min((int)tk, Math.Max(0, nz - 2));
                    float fx = (float)(ti - i0), fy = (float)(tj - j0), fz = (float)(tk - k0);
                    int di = nx > 1 ? 1 : 0, dj = ny > 1 ? nx : 0, dk = nz > 1 ? nx * ny : 0;
                    int b = (((k0 * ny) + j0) * nx) + i0;
                    float w = Trilinear(weight, b, di, dj, dk, fx, fy, fz);
                    if (w <= 1e-3f)
                    {
                        continue;
                    }

                    w = MathF.Min(w, 1);
                    float d = Trilinear(delta, b, di, dj, dk, fx, fy, fz);
                    long index = row + x;
                    float bg = input[index];
                    float noduleHu = template.LocalLungHu + d;

                    // Over a vessel the sum would overshoot both tissues; keep the result between them.
                    float value = Math.Clamp(bg + (w * d), MathF.Min(bg, noduleHu), MathF.Max(bg, noduleHu));
                    output[index] = (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);
                }
            }
        }
    }

    private static float Trilinear(float[] v, int b, int di, int dj, int dk, float fx, float fy, float fz)
    {
        float c00 = v[b] + ((v[b + di] - v[b]) * fx);
        float c10 = v[b + dj] + ((v[b + dj + di] - v[b + dj]) * fx);
        float c01 = v[b + dk] + ((v[b + dk + di] - v[b + dk]) * fx);
        float c11 = v[b + dk + dj] + ((v[b + dk + dj + di] - v[b + dk + dj]) * fx);
        float c0 = c00 + ((c10 - c00) * fy);
        float c1 = c01 + ((c11 - c01) * fy);
        return c0 + ((c1 - c0) * fz);
    }
}
