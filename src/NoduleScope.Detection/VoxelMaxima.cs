namespace NoduleScope.Detection;

/// <summary>Local maxima on a flat x-fastest volume array.</summary>
internal static class VoxelMaxima
{
    /// <summary>Whether no voxel of the 3 × 3 × 3 neighbourhood of interior voxel <paramref name="i"/> exceeds <paramref name="v"/>.</summary>
    public static bool IsMaximum(float[] r, int i, float v, int nx, int slice)
    {
        for (int dz = -1; dz <= 1; dz++)
        {
            for (int dy = -1; dy <= 1; dy++)
            {
                int b = i + (dz * slice) + (dy * nx);
                if (r[b - 1] > v || r[b] > v || r[b + 1] > v)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
