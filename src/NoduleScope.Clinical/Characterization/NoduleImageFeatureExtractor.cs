using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Clinical.Characterization;

/// <summary>Computes <see cref="NoduleImageFeatures"/> from a CT and a nodule segmentation on a crop of its grid.</summary>
public static class NoduleImageFeatureExtractor
{
    private const double CalciumHu = 200;

    public static NoduleImageFeatures Extract(CtVolume volume, NoduleSegmentation segmentation)
    {
        var mask = segmentation.Mask;
        var g = mask.Grid;
        var offset = volume.WorldToVoxel(g.Origin);
        int ox = (int)Math.Round(offset.X), oy = (int)Math.Round(offset.Y), oz = (int)Math.Round(offset.Z);
        var values = new List<float>();
        double sx = 0, sy = 0, sz = 0, cx = 0, cy = 0, cz = 0;
        int calcium = 0;
        double faces = 0;
        double ax = g.Spacing.Y * g.Spacing.Z, ay = g.Spacing.X * g.Spacing.Z, az = g.Spacing.X * g.Spacing.Y;
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (mask[x, y, z] == 0)
                    {
                        continue;
                    }

                    float hu = HuAt(volume, x + ox, y + oy, z + oz);
                    values.Add(hu);
                    sx += x;
                    sy += y;
                    sz += z;
                    if (hu > CalciumHu)
                    {
                        calcium++;
                        cx += x;
                        cy += y;
                        cz += z;
                    }

                    faces += (Outside(mask, x - 1, y, z) ? ax : 0) + (Outside(mask, x + 1, y, z) ? ax : 0)
                        + (Outside(mask, x, y - 1, z) ? ay : 0) + (Outside(mask, x, y + 1, z) ? ay : 0)
                        + (Outside(mask, x, y, z - 1) ? az : 0) + (Outside(mask, x, y, z + 1) ? az : 0);
                }
            }
        }

        int n = values.Count;
        var m = segmentation.Measurement;
        double volumeMm3 = n * g.VoxelVolume;
        double radius = Math.Cbrt(3 * volumeMm3 / (4 * Math.PI));
        var centroid = new Vector3D(sx / Math.Max(n, 1), sy / Math.Max(n, 1), sz / Math.Max(n, 1));
        double centrality = -1;
        if (calcium > 0)
        {
            var d = new Vector3D((cx / calcium) - centroid.X, (cy / calcium) - centroid.Y, (cz / calcium) - centroid.Z);
            var mm = new Vector3D(d.X * g.Spacing.X, d.Y * g.Spacing.Y, d.Z * g.Spacing.Z);
            centrality = radius > 0 ? mm.Length / radius : 0;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        double mean = 0, sq = 0;
        int above300 = 0, above100 = 0, below600 = 0;
        foreach (float v in sorted)
        {
            mean += v;
            sq += v * (double)v;
            above300 += v > -300 ? 1 : 0;
            above100 += v > 100 ? 1 : 0;
            below600 += v < -600 ? 1 : 0;
        }

        mean /= Math.Max(n, 1);
        double sd = Math.Sqrt(Math.Max(0, (sq / Math.Max(n, 1)) - (mean * mean)));
        double sphereSurface = 4 * Math.PI * radius * radius;
        return new NoduleImageFeatures
        {
            MeanDiameterMm = m.MeanDiameterMm,
            LongAxisMm = m.LongAxisMm,
            ShortAxisMm = m.ShortAxisMm,
            VolumeMm3 = m.VolumeMm3,
            Compactness = Math.Max(m.LongAxisMm, m.CraniocaudalExtentMm) is > 0 and var extent ? m.EquivalentDiameterMm / extent : 0,
            Sphericity = faces > 0 ? sphereSurface / faces : 0,
            HuMean = mean,
            HuSd = sd,
            HuPercentiles = [Percentile(sorted, 0.05), Percentile(sorted, 0.25), Percentile(sorted, 0.5), Percentile(sorted, 0.75), Percentile(sorted, 0.95)],
            HuMax = n > 0 ? sorted[^1] : -1000,
            FractionAboveMinus300 = above300 / (double)Math.Max(n, 1),
            FractionAbove100 = above100 / (double)Math.Max(n, 1),
            FractionAbove200 = calcium / (double)Math.Max(n, 1),
            FractionBelowMinus600 = below600 / (double)Math.Max(n, 1),
            SolidVolumeFraction = m.VolumeMm3 > 0 ? m.SolidVolumeMm3 / m.VolumeMm3 : 0,
            SolidMeanDiameterMm = m.SolidMeanDiameterMm,
            CalciumCentrality = centrality,
            OpeningLoss = OpeningLoss(mask, n, radius),
            RadialCv = RadialCv(mask, centroid),
            SurfacePerVolume = volumeMm3 > 0 ? faces / volumeMm3 : 0,
            HaloHu = HaloHu(volume, mask, ox, oy, oz),
            SurroundingLungFraction = segmentation.SurroundingLungFraction,
            ThresholdHu = segmentation.ThresholdHu,
        };
    }

    private static float HuAt(CtVolume volume, int x, int y, int z) => volume.Contains(x, y, z) ? volume[x, y, z] : -1000;

    private static bool Outside(MaskVolume mask, int x, int y, int z) => !mask.Grid.Contains(x, y, z) || mask[x, y, z] == 0;

    private static double Percentile(float[] sorted, double p) => sorted.Length == 0 ? -1000 : sorted[(int)Math.Round(p * (sorted.Length - 1))];

    private static double OpeningLoss(MaskVolume mask, int count, double radius)
    {
        if (count == 0)
        {
            return 0;
        }

        double r = Math.Max(Math.Min(mask.Grid.Spacing.X, mask.Grid.Spacing.Y), radius / 3);
        long kept = Morphology.Open(mask, r).CountNonZero();
        return 1 - (kept / (double)count);
    }

    private static double RadialCv(MaskVolume mask, Vector3D centroid)
    {
        var g = mask.Grid;
        double sum = 0, sq = 0;
        int n = 0;
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (mask[x, y, z] == 0 || !(Outside(mask, x - 1, y, z) || Outside(mask, x + 1, y, z) || Outside(mask, x, y - 1, z) || Outside(mask, x, y + 1, z) || Outside(mask, x, y, z - 1) || Outside(mask, x, y, z + 1)))
                    {
                        continue;
                    }

                    double dx = (x - centroid.X) * g.Spacing.X, dy = (y - centroid.Y) * g.Spacing.Y, dz = (z - centroid.Z) * g.Spacing.Z;
                    double d = Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
                    sum += d;
                    sq += d * d;
                    n++;
                }
            }
        }

        if (n == 0 || sum == 0)
        {
            return 0;
        }

        double mean = sum / n;
        return Math.Sqrt(Math.Max(0, (sq / n) - (mean * mean))) / mean;
    }

    private static double HaloHu(CtVolume volume, MaskVolume mask, int ox, int oy, int oz)
    {
        var inside = DistanceTransform.SquaredToNearest(mask);
        var g = mask.Grid;
        double sum = 0;
        int n = 0;
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    float d2 = inside[g.Index(x, y, z)];
                    if (d2 >= 1 && d2 <= 9)
                    {
                        sum += HuAt(volume, x + ox, y + oy, z + oz);
                        n++;
                    }
                }
            }
        }

        return n > 0 ? sum / n : -1000;
    }
}
