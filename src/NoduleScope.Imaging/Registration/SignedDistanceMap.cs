using NoduleScope.Imaging.Processing;

namespace NoduleScope.Imaging.Registration;

/// <summary>
/// Signed distance (mm) to the boundary of a mask, negative inside and positive outside, clamped to ±clamp. A smooth
/// image of an organ's shape whose squared differences have a wide capture range for registration.
/// </summary>
public static class SignedDistanceMap
{
    public static FloatVolume Compute(MaskVolume mask, double clampMm)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clampMm);
        float[] outside = DistanceTransform.SquaredToNearest(mask, toSet: true);
        float[] inside = DistanceTransform.SquaredToNearest(mask, toSet: false);
        var g = mask.Grid;
        // Distances run between voxel centres; the boundary lies half a voxel closer.
        float half = (float)(Math.Min(g.Spacing.X, Math.Min(g.Spacing.Y, g.Spacing.Z)) / 2);
        float clamp = (float)clampMm;
        var result = new FloatVolume(g);
        float[] d = result.Data;
        byte[] m = mask.Data;
        for (int i = 0; i < d.Length; i++)
        {
            float value = m[i] != 0 ? -(MathF.Sqrt(inside[i]) - half) : MathF.Sqrt(outside[i]) - half;
            d[i] = Math.Clamp(value, -clamp, clamp);
        }

        return result;
    }
}
