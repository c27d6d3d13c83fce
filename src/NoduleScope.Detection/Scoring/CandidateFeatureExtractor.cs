using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Scoring;

/// <summary>
/// Computes <see cref="CandidateFeatures"/> for the candidates of one scan. Built once per scan (it holds the distance
/// from every lung voxel to the lung edge and the lungs' craniocaudal extent); <see cref="Extract"/> is thread-safe.
/// </summary>
public sealed class CandidateFeatureExtractor
{
    private const int HalfDirections = 32;
    private const double DenseHu = -500;
    private static readonly Vector3D[] Directions = SphereDirections.Symmetric(HalfDirections);

    private readonly CtVolume volume;
    private readonly LungSegmentation lungs;
    private readonly float[] edgeDistanceSquared;
    private readonly double lungBottomZ;
    private readonly double lungTopZ;

    public CandidateFeatureExtractor(CtVolume volume, LungSegmentation lungs)
    {
        this.volume = volume;
        this.lungs = lungs;
        edgeDistanceSquared = lungs.EdgeDistanceSquared;
        (lungBottomZ, lungTopZ) = CraniocaudalExtent(lungs.Labels);
    }

    public CandidateFeatures Extract(Candidate c, NoduleSegmentation? s)
    {
        double l1 = c.Lambda1;
        var common = new CandidateFeatures
        {
            BlobResponse = c.Response,
            BlobRadiusMm = c.RadiusMm,
            BlobStrength = c.Strength,
            FromDenseComponent = c.Source is CandidateSource.DenseComponent or CandidateSource.Mass,
            HessianMiddleRatio = l1 > 0 ? c.Lambda2 / l1 : 0,
            HessianSmallestRatio = l1 > 0 ? c.Lambda3 / l1 : 0,
            HessianNegative = c.NegativeEigenvalues,
            HessianCurvedness = Math.Sqrt(((c.Lambda1 * c.Lambda1) + (c.Lambda2 * c.Lambda2) + (c.Lambda3 * c.Lambda3)) / 3),
            Segmented = false,
        };

        var center = s?.Measurement.Centroid ?? c.Center;
        double radius = Math.Max(1.5, s is null ? c.RadiusMm : s.Measurement.EquivalentDiameterMm / 2);
        var where = Location(center);
        common = common with
        {
            Shells = Shells(center, radius),
            DistanceToLungEdgeMm = where.EdgeDistance,
            InLung = where.InLung,
            CraniocaudalPosition = lungTopZ > lungBottomZ ? Math.Clamp((center.Z - lungBottomZ) / (lungTopZ - lungBottomZ), -0.2, 1.2) : 0.5,
        };

        if (s is null)
        {
            return common;
        }

        var m = s.Measurement;
        return common with
        {
            Segmented = true,
            EquivalentDiameterMm = m.EquivalentDiameterMm,
            LongAxisMm = m.MaskLongAxisMm,
            ShortAxisMm = m.MaskShortAxisMm,
            CraniocaudalExtentMm = m.CraniocaudalExtentMm,
            MeanHu = m.MeanHu,
            MaxHu = m.MaxHu,
            SolidFraction = m.VolumeMm3 > 0 ? m.SolidVolumeMm3 / m.VolumeMm3 : 0,
            SurroundingLungFraction = s.SurroundingLungFraction,
        };
    }

    private (double EdgeDistance, bool InLung) Location(Vector3D world)
    {
        var g = lungs.Labels.Grid;
        var v = g.WorldToVoxel(world);
        int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
        if (!g.Contains(x, y, z))
        {
            return (0, false);
        }

        int i = g.Index(x, y, z);
        return (Math.Sqrt(edgeDistanceSquared[i]), lungs.Labels.Data[i] != 0);
    }

    private ShellProfile Shells(Vector3D center, double radius)
    {
        var means = new double[ShellProfile.RadiusMultiples.Length];
        Span<bool> dense20 = stackalloc bool[Directions.Length];
        double dense15 = 0, sum10 = 0, sumSq10 = 0;
        for (int k = 0; k < means.Length; k++)
        {
            double r = radius * ShellProfile.RadiusMultiples[k];
            double sum = 0;
            for (int d = 0; d < Directions.Length; d++)
            {
                double hu = Sample(center + (Directions[d] * r));
                sum += hu;
                if (k == 1)
                {
                    sum10 += hu;
                    sumSq10 += hu * hu;
                }
                else if (k == 2 && hu > DenseHu)
                {
                    dense15++;
                }
                else if (k == 3)
                {
                    dense20[d] = hu > DenseHu;
                }
            }

            means[k] = sum / Directions.Length;
        }

        int dense20Count = 0, antipodal = 0;
        for (int d = 0; d < Directions.Length; d++)
        {
            dense20Count += dense20[d] ? 1 : 0;
        }

        for (int d = 0; d < HalfDirections; d++)
        {
            antipodal += dense20[d] && dense20[d + HalfDirections] ? 1 : 0;
        }

        double hemisphere = 0;
        for (int a = 0; a < Directions.Length; a++)
        {
            int inside = 0, denseInside = 0;
            for (int b = 0; b < Directions.Length; b++)
            {
                if (Directions[a].Dot(Directions[b]) > 0)
                {
                    inside++;
                    denseInside += dense20[b] ? 1 : 0;
                }
            }

            hemisphere = Math.Max(hemisphere, inside > 0 ? denseInside / (double)inside : 0);
        }

        double n = Directions.Length;
        double mean10 = sum10 / n;
        return new ShellProfile
        {
            CentreHu = Sample(center),
            MeanHu = means,
            DenseFraction15 = dense15 / n,
            DenseFraction20 = dense20Count / n,
            AntipodalDense20 = antipodal / (double)HalfDirections,
            HemisphereDense20 = hemisphere,
            SdHu10 = Math.Sqrt(Math.Max(0, (sumSq10 / n) - (mean10 * mean10))),
        };
    }

    /// <summary>Trilinear HU at a world point; air outside the volume.</summary>
    private double Sample(Vector3D world)
    {
        var v = volume.WorldToVoxel(world);
        int x0 = (int)Math.Floor(v.X), y0 = (int)Math.Floor(v.Y), z0 = (int)Math.Floor(v.Z);
        if (x0 < 0 || y0 < 0 || z0 < 0 || x0 >= volume.SizeX - 1 || y0 >= volume.SizeY - 1 || z0 >= volume.SizeZ - 1)
        {
            return volume.Grid.Contains((int)Math.Round(v.X), (int)Math.Round(v.Y), (int)Math.Round(v.Z))
                ? volume[(int)Math.Round(v.X), (int)Math.Round(v.Y), (int)Math.Round(v.Z)]
                : -1000;
        }

        double fx = v.X - x0, fy = v.Y - y0, fz = v.Z - z0;
        double c00 = Lerp(volume[x0, y0, z0], volume[x0 + 1, y0, z0], fx);
        double c10 = Lerp(volume[x0, y0 + 1, z0], volume[x0 + 1, y0 + 1, z0], fx);
        double c01 = Lerp(volume[x0, y0, z0 + 1], volume[x0 + 1, y0, z0 + 1], fx);
        double c11 = Lerp(volume[x0, y0 + 1, z0 + 1], volume[x0 + 1, y0 + 1, z0 + 1], fx);
        return Lerp(Lerp(c00, c10, fy), Lerp(c01, c11, fy), fz);
    }

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);

    private static (double Bottom, double Top) CraniocaudalExtent(MaskVolume labels)
    {
        var g = labels.Grid;
        double bottom = double.MaxValue, top = double.MinValue;
        for (int z = 0; z < g.SizeZ; z++)
        {
            if (labels.Data.AsSpan(z * g.SliceLength, g.SliceLength).IndexOfAnyExcept((byte)0) >= 0)
            {
                double wz = g.VoxelToWorld(g.SizeX / 2.0, g.SizeY / 2.0, z).Z;
                bottom = Math.Min(bottom, wz);
                top = Math.Max(top, wz);
            }
        }

        return bottom <= top ? (bottom, top) : (0, 0);
    }
}
