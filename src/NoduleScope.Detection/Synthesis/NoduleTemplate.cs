using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Synthesis;

/// <summary>
/// A nodule crop made ready to blend: its HU relative to the lung around it in the crop, a blend weight (the
/// radiologists' mask with a soft edge), the mask centroid (world) and the radius of the region the blend reaches.
/// </summary>
internal sealed class NoduleTemplate
{
    /// <summary>Gaussian sigma of the mask edge: 10–90 % over about 1.3 mm.</summary>
    public const double FeatherSigmaMm = 0.5;

    /// <summary>Used when the crop holds no lung to measure (a nodule filling its crop or lying in dense tissue).</summary>
    public const float DefaultLungHu = -850;

    private const double BackgroundMarginMm = 3;
    private const float LungUpperHu = -400;
    private const float LungLowerHu = -1024;

    private NoduleTemplate(ImageGrid grid, float[] delta, float[] weight, Vector3D center, double extentRadiusMm, float localLungHu)
    {
        Grid = grid;
        Delta = delta;
        Weight = weight;
        Center = center;
        ExtentRadiusMm = extentRadiusMm;
        LocalLungHu = localLungHu;
    }

    public ImageGrid Grid { get; }

    /// <summary>Crop HU minus <see cref="LocalLungHu"/>, on <see cref="Grid"/>.</summary>
    public float[] Delta { get; }

    /// <summary>Feathered mask, 0..1, on <see cref="Grid"/>.</summary>
    public float[] Weight { get; }

    /// <summary>Mask centroid in the crop's world frame.</summary>
    public Vector3D Center { get; }

    /// <summary>Beyond this distance from <see cref="Center"/> the blend weight is zero.</summary>
    public double ExtentRadiusMm { get; }

    /// <summary>Median HU of the lung in the crop away from the nodule.</summary>
    public float LocalLungHu { get; }

    /// <exception cref="ArgumentException">The mask is empty or its grid differs from the crop's.</exception>
    public static NoduleTemplate Create(CtVolume crop, CtVolume mask)
    {
        if (crop.SizeX != mask.SizeX || crop.SizeY != mask.SizeY || crop.SizeZ != mask.SizeZ)
        {
            throw new ArgumentException($"mask {mask.SizeX}×{mask.SizeY}×{mask.SizeZ} does not match crop {crop.SizeX}×{crop.SizeY}×{crop.SizeZ}", nameof(mask));
        }

        var grid = crop.Grid;
        var binary = new MaskVolume(grid);
        var maskFloat = new FloatVolume(grid);
        short[] m = mask.Voxels;
        double sx = 0, sy = 0, sz = 0;
        long count = 0;
        for (int z = 0, i = 0; z < grid.SizeZ; z++)
        {
            for (int y = 0; y < grid.SizeY; y++)
            {
                for (int x = 0; x < grid.SizeX; x++, i++)
                {
                    if (m[i] != 0)
                    {
                        binary.Data[i] = 1;
                        maskFloat.Data[i] = 1;
                        sx += x;
                        sy += y;
                        sz += z;
                        count++;
                    }
                }
            }
        }

        if (count == 0)
        {
            throw new ArgumentException("the nodule mask is empty", nameof(mask));
        }

        var center = grid.VoxelToWorld(sx / count, sy / count, sz / count);
        double maskRadius = MaskRadius(binary, center);
        double spread = Math.Max(3 * FeatherSigmaMm, Math.Max(grid.Spacing.X, Math.Max(grid.Spacing.Y, grid.Spacing.Z)));
        float lung = LocalLung(crop, binary);
        var delta = new float[crop.Voxels.Length];
        short[] hu = crop.Voxels;
        for (int i = 0; i < delta.Length; i++)
        {
            delta[i] = hu[i] - lung;
        }

        float[] weight = GaussianFilter.Smooth(maskFloat, FeatherSigmaMm).Data;
        return new NoduleTemplate(grid, delta, weight, center, maskRadius + spread, lung);
    }

    /// <summary>Largest distance from the centroid to a mask voxel centre.</summary>
    private static double MaskRadius(MaskVolume mask, Vector3D center)
    {
        var g = mask.Grid;
        double max = 0;
        for (int z = 0, i = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++, i++)
                {
                    if (mask.Data[i] != 0)
                    {
                        max = Math.Max(max, (g.VoxelToWorld(x, y, z) - center).Length);
                    }
                }
            }
        }

        return max;
    }

    /// <summary>Median HU of lung-like voxels at least a few mm from the mask, so vessels and wall do not count.</summary>
    private static float LocalLung(CtVolume crop, MaskVolume mask)
    {
        float[] squared = DistanceTransform.SquaredToNearest(mask);
        var histogram = new int[(int)(LungUpperHu - LungLowerHu) + 1];
        int n = 0;
        short[] hu = crop.Voxels;
        const double MarginSquared = BackgroundMarginMm * BackgroundMarginMm;
        for (int i = 0; i < hu.Length; i++)
        {
            if (squared[i] >= MarginSquared && hu[i] >= LungLowerHu && hu[i] <= LungUpperHu)
            {
                histogram[hu[i] - (int)LungLowerHu]++;
                n++;
            }
        }

        if (n < 20)
        {
            return DefaultLungHu;
        }

        int half = n / 2, seen = 0;
        for (int b = 0; b < histogram.Length; b++)
        {
            seen += histogram[b];
            if (seen > half)
            {
                return b + LungLowerHu;
            }
        }

        return DefaultLungHu;
    }
}
