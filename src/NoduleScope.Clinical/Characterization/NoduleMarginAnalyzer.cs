using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;
using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// Measures <see cref="NoduleMargin"/>: on the axial slice through the nodule's centroid, 64 rays go out from the
/// centroid; along each, the HU profile (bilinear, 0.2 mm steps) is read to 5 mm beyond the mask's
/// edge. A ray counts when it reaches aerated lung (below −500 HU) and the nodule stands at least 150 HU above it;
/// its edge width is the distance between the points where the profile, coming in from the lung minimum, first
/// reaches 10 % and 90 % of the way to the nodule's median level. In-plane only: slices are often thicker than the
/// edge is wide.
/// </summary>
public static class NoduleMarginAnalyzer
{
    public const int MinRays = 8;

    /// <summary>Rays cast on the centroid's slice (every 5.6°).</summary>
    public const int Rays = 64;
    private const double StepMm = 0.2;
    private const double BeyondEdgeMm = 5;

    public static NoduleMargin Analyze(CtVolume volume, NoduleSegmentation segmentation)
    {
        var mask = segmentation.Mask;
        var offset = volume.WorldToVoxel(mask.Grid.Origin);
        int ox = (int)Math.Round(offset.X), oy = (int)Math.Round(offset.Y), oz = (int)Math.Round(offset.Z);
        var centre = volume.WorldToVoxel(segmentation.Measurement.Centroid);
        int z = (int)Math.Round(centre.Z);
        if (z < 0 || z >= volume.SizeZ || !Inside(mask, (int)Math.Round(centre.X) - ox, (int)Math.Round(centre.Y) - oy, z - oz))
        {
            return new NoduleMargin(null, 0);
        }

        int maxSteps = (int)Math.Ceiling((Math.Max(mask.Grid.SizeX * mask.Grid.Spacing.X, mask.Grid.SizeY * mask.Grid.Spacing.Y) + BeyondEdgeMm) / StepMm) + 1;
        var profile = new double[maxSteps];
        var widths = new List<double>(Rays);
        for (int r = 0; r < Rays; r++)
        {
            double angle = 2 * Math.PI * r / Rays;
            double dx = Math.Cos(angle) * StepMm / volume.Spacing.X, dy = Math.Sin(angle) * StepMm / volume.Spacing.Y;
            int edge = -1;
            int count = 0;
            for (int i = 0; i < maxSteps; i++)
            {
                double x = centre.X + (i * dx), y = centre.Y + (i * dy);
                if (x < 0 || y < 0 || x > volume.SizeX - 1 || y > volume.SizeY - 1)
                {
                    break;
                }

                if (edge < 0 && !Inside(mask, (int)Math.Round(x) - ox, (int)Math.Round(y) - oy, z - oz))
                {
                    edge = i;
                }

                VolumeSampler.TrySample(volume.Voxels, volume.SizeX, volume.SizeY, volume.SizeZ, x, y, z, out float hu);
                profile[i] = hu;
                count = i + 1;
                if (edge >= 0 && i >= edge + (int)(BeyondEdgeMm / StepMm))
                {
                    break;
                }
            }

            if (edge < 3 || count < edge + (int)(BeyondEdgeMm / StepMm))
            {
                continue;
            }

            if (EdgeWidth(profile, edge, count) is { } width)
            {
                widths.Add(width);
            }
        }

        if (widths.Count < MinRays)
        {
            return new NoduleMargin(null, widths.Count);
        }

        widths.Sort();
        return new NoduleMargin(widths[widths.Count / 2], widths.Count);
    }

    private static double? EdgeWidth(double[] profile, int edge, int count)
    {
        var inside = profile.AsSpan(0, edge).ToArray();
        Array.Sort(inside);
        double level = inside[inside.Length / 2];
        int lowest = edge;
        for (int i = edge; i < count; i++)
        {
            lowest = profile[i] < profile[lowest] ? i : lowest;
        }

        double lung = profile[lowest];
        double contrast = level - lung;
        if (lung > -500 || contrast < 150)
        {
            return null;
        }

        double low = lung + (0.1 * contrast), high = lung + (0.9 * contrast);
        int i10 = lowest;
        while (i10 > 0 && profile[i10] < low)
        {
            i10--;
        }

        int i90 = i10;
        while (i90 > 0 && profile[i90] < high)
        {
            i90--;
        }

        if (profile[i90] < high)
        {
            return null;
        }

        return (i10 - i90) * StepMm;
    }

    private static bool Inside(MaskVolume mask, int x, int y, int z) => mask.Grid.Contains(x, y, z) && mask[x, y, z] != 0;
}
