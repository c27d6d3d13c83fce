using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// A nodule's volume with partial-volume correction: every voxel of the mask, and every voxel of a one-voxel rim around
/// it that is fainter than the segmentation threshold (so an attached vessel does not count), contributes the fraction
/// (HU − lung) / (nodule − lung) of its volume, clamped to 0…1. Thresholded masks gain or lose whole edge voxels with the
/// sampling phase and slice thickness; the fractions do not, so the ratio of two exams' volumes — hence the doubling
/// time — is far steadier. Lung density is the median of aerated voxels 3–6 mm outside the mask; the nodule density is
/// given (for a pair, the same value for both exams).
/// </summary>
public static class PartialVolumeVolumetry
{
    private const double ShellInnerMm = 3;
    private const double ShellOuterMm = 6;
    private const double RimMm = 1.5;
    private const float AeratedBelowHu = -500;
    private const double DefaultLungHu = -850;

    /// <summary>The nodule's own density: mean HU of the densest quarter of its mask (little partial volume there).</summary>
    public static double CoreDensityHu(CtVolume volume, NoduleSegmentation segmentation)
    {
        var values = new List<float>();
        Visit(volume, segmentation, 0, (hu, inMask, _, _) =>
        {
            if (inMask)
            {
                values.Add(hu);
            }
        });
        if (values.Count == 0)
        {
            return segmentation.Measurement.MeanHu;
        }

        values.Sort();
        int from = values.Count * 3 / 4;
        double sum = 0;
        for (int i = from; i < values.Count; i++)
        {
            sum += values[i];
        }

        return sum / (values.Count - from);
    }

    /// <summary>
    /// Nodule-density tissue (mm³) within a sphere around a point of the current scan, read from
    /// <paramref name="volume"/> through <paramref name="currentToVolume"/> (identity for the current scan; the
    /// registration for the prior): the same region of anatomy on both exams, so vessels and pleura in it cancel in the
    /// difference and only the nodule's change remains. The sphere's edge is 1 mm soft.
    /// </summary>
    public static double SphereVolumeMm3(CtVolume volume, Imaging.Registration.AffineTransform currentToVolume, ImageGrid currentGrid, Vector3D centre, double radiusMm, double lungHu, double noduleHu)
    {
        double contrast = noduleHu - lungHu;
        if (contrast <= 50)
        {
            return 0;
        }

        var c = currentGrid.WorldToVoxel(centre);
        var s = currentGrid.Spacing;
        int rx = (int)Math.Ceiling((radiusMm + 1) / s.X), ry = (int)Math.Ceiling((radiusMm + 1) / s.Y), rz = (int)Math.Ceiling((radiusMm + 1) / s.Z);
        var toIndex = currentToVolume.Then(new Imaging.Registration.AffineTransform(Imaging.Registration.GridAffine.IndexToWorld(volume.Grid), volume.Origin).Inverse());
        double sum = 0;
        var data = volume.Voxels.AsSpan();
        for (int z = (int)Math.Round(c.Z) - rz; z <= (int)Math.Round(c.Z) + rz; z++)
        {
            for (int y = (int)Math.Round(c.Y) - ry; y <= (int)Math.Round(c.Y) + ry; y++)
            {
                for (int x = (int)Math.Round(c.X) - rx; x <= (int)Math.Round(c.X) + rx; x++)
                {
                    var p = currentGrid.VoxelToWorld(x, y, z);
                    double weight = Math.Clamp(radiusMm - (p - centre).Length + 0.5, 0, 1);
                    if (weight <= 0)
                    {
                        continue;
                    }

                    var q = toIndex.Apply(p);
                    if (Imaging.Registration.VolumeSampler.TrySample(data, volume.SizeX, volume.SizeY, volume.SizeZ, q.X, q.Y, q.Z, out float hu))
                    {
                        sum += weight * Math.Clamp((hu - lungHu) / contrast, 0, 1);
                    }
                }
            }
        }

        return sum * s.X * s.Y * s.Z;
    }

    /// <summary>Median HU of the aerated lung 3–6 mm outside the mask (−850 when there is none).</summary>
    public static double LungDensityHu(CtVolume volume, NoduleSegmentation segmentation)
    {
        var shell = new List<float>();
        Visit(volume, segmentation, ShellOuterMm, (hu, inMask, _, distanceMm) =>
        {
            if (!inMask && distanceMm >= ShellInnerMm && distanceMm <= ShellOuterMm && hu < AeratedBelowHu)
            {
                shell.Add(hu);
            }
        });
        if (shell.Count == 0)
        {
            return DefaultLungHu;
        }

        shell.Sort();
        return shell[shell.Count / 2];
    }

    /// <summary>The partial-volume corrected volume (mm³) for a nodule of density <paramref name="noduleHu"/>.</summary>
    public static double VolumeMm3(CtVolume volume, NoduleSegmentation segmentation, double noduleHu)
    {
        double lung = LungDensityHu(volume, segmentation);
        double contrast = noduleHu - lung;
        if (contrast <= 50)
        {
            // No usable contrast (a nodule as faint as its surroundings): the mask's own volume.
            return segmentation.Measurement.VolumeMm3;
        }

        double sum = 0;
        double threshold = segmentation.ThresholdHu;
        Visit(volume, segmentation, RimMm, (hu, inMask, inRim, _) =>
        {
            if (inMask || (inRim && hu < threshold))
            {
                sum += Math.Clamp((hu - lung) / contrast, 0, 1);
            }
        });
        return sum * volume.Spacing.X * volume.Spacing.Y * volume.Spacing.Z;
    }

    /// <summary>
    /// Calls <paramref name="visit"/>(HU, in mask, in rim, distance to the mask in mm) for every voxel of the CT within
    /// <paramref name="marginMm"/> (at least one voxel) of the mask's bounding box. The rim is every voxel outside the
    /// mask within <see cref="RimMm"/> of it or touching it (26-neighbourhood), so it also spans thick slices.
    /// </summary>
    private static void Visit(CtVolume volume, NoduleSegmentation segmentation, double marginMm, Action<float, bool, bool, double> visit)
    {
        var mask = segmentation.Mask;
        var mg = mask.Grid;
        var offset = volume.WorldToVoxel(mg.Origin);
        int ox = (int)Math.Round(offset.X), oy = (int)Math.Round(offset.Y), oz = (int)Math.Round(offset.Z);
        int minX = int.MaxValue, minY = int.MaxValue, minZ = int.MaxValue, maxX = -1, maxY = -1, maxZ = -1;
        for (int z = 0, i = 0; z < mg.SizeZ; z++)
        {
            for (int y = 0; y < mg.SizeY; y++)
            {
                for (int x = 0; x < mg.SizeX; x++, i++)
                {
                    if (mask.Data[i] != 0)
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
            return;
        }

        var s = volume.Spacing;
        // Margins in voxels: the distance in mm, but at least one voxel (thick slices).
        int mx = Math.Max(1, (int)Math.Ceiling(marginMm / s.X)), my = Math.Max(1, (int)Math.Ceiling(marginMm / s.Y)), mz = Math.Max(1, (int)Math.Ceiling(marginMm / s.Z));
        if (marginMm == 0)
        {
            mx = my = mz = 0;
        }

        int x0 = Math.Max(0, ox + minX - mx), x1 = Math.Min(volume.SizeX - 1, ox + maxX + mx);
        int y0 = Math.Max(0, oy + minY - my), y1 = Math.Min(volume.SizeY - 1, oy + maxY + my);
        int z0 = Math.Max(0, oz + minZ - mz), z1 = Math.Min(volume.SizeZ - 1, oz + maxZ + mz);
        var box = volume.Grid.Crop(x0, y0, z0, x1 + 1, y1 + 1, z1 + 1);
        var inBox = new MaskVolume(box);
        for (int z = z0; z <= z1; z++)
        {
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    int lx = x - ox, ly = y - oy, lz = z - oz;
                    if (mg.Contains(lx, ly, lz) && mask.Data[mg.Index(lx, ly, lz)] != 0)
                    {
                        inBox.Data[box.Index(x - x0, y - y0, z - z0)] = 1;
                    }
                }
            }
        }

        float[] distance2 = DistanceTransform.SquaredToNearest(inBox);
        for (int z = z0; z <= z1; z++)
        {
            for (int y = y0; y <= y1; y++)
            {
                for (int x = x0; x <= x1; x++)
                {
                    int bx = x - x0, by = y - y0, bz = z - z0;
                    int b = box.Index(bx, by, bz);
                    bool inside = inBox.Data[b] != 0;
                    double d = Math.Sqrt(distance2[b]);
                    bool rim = !inside && (d <= RimMm || Touches(inBox, bx, by, bz));
                    visit(volume.Voxels[(((long)z * volume.SizeY) + y) * volume.SizeX + x], inside, rim, d);
                }
            }
        }
    }

    private static bool Touches(MaskVolume mask, int x, int y, int z)
    {
        var g = mask.Grid;
        for (int dz = -1; dz <= 1; dz++)
        {
            for (int dy = -1; dy <= 1; dy++)
            {
                for (int dx = -1; dx <= 1; dx++)
                {
                    if (g.Contains(x + dx, y + dy, z + dz) && mask.Data[g.Index(x + dx, y + dy, z + dz)] != 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
