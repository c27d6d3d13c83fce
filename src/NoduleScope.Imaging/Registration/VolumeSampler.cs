namespace NoduleScope.Imaging.Registration;

/// <summary>Trilinear interpolation at a continuous voxel index of a (z, y, x) buffer; false outside the voxel centres' box.</summary>
public static class VolumeSampler
{
    public static bool TrySample(ReadOnlySpan<float> data, int nx, int ny, int nz, double x, double y, double z, out float value)
    {
        if (!Corner(x, nx, out int i0, out float fx) || !Corner(y, ny, out int j0, out float fy) || !Corner(z, nz, out int k0, out float fz))
        {
            value = 0;
            return false;
        }

        int di = nx > 1 ? 1 : 0, dj = ny > 1 ? nx : 0, dk = nz > 1 ? nx * ny : 0;
        int b = (((k0 * ny) + j0) * nx) + i0;
        float c00 = data[b] + ((data[b + di] - data[b]) * fx);
        float c10 = data[b + dj] + ((data[b + dj + di] - data[b + dj]) * fx);
        float c01 = data[b + dk] + ((data[b + dk + di] - data[b + dk]) * fx);
        float c11 = data[b + dk + dj] + ((data[b + dk + dj + di] - data[b + dk + dj]) * fx);
        float c0 = c00 + ((c10 - c00) * fy);
        float c1 = c01 + ((c11 - c01) * fy);
        value = c0 + ((c1 - c0) * fz);
        return true;
    }

    public static bool TrySample(ReadOnlySpan<short> data, int nx, int ny, int nz, double x, double y, double z, out float value)
    {
        if (!Corner(x, nx, out int i0, out float fx) || !Corner(y, ny, out int j0, out float fy) || !Corner(z, nz, out int k0, out float fz))
        {
            value = 0;
            return false;
        }

        int di = nx > 1 ? 1 : 0, dj = ny > 1 ? nx : 0, dk = nz > 1 ? nx * ny : 0;
        int b = (((k0 * ny) + j0) * nx) + i0;
        float c00 = data[b] + ((data[b + di] - data[b]) * fx);
        float c10 = data[b + dj] + ((data[b + dj + di] - data[b + dj]) * fx);
        float c01 = data[b + dk] + ((data[b + dk + di] - data[b + dk]) * fx);
        float c11 = data[b + dk + dj] + ((data[b + dk + dj + di] - data[b + dk + dj]) * fx);
        float c0 = c00 + ((c10 - c00) * fy);
        float c1 = c01 + ((c11 - c01) * fy);
        value = c0 + ((c1 - c0) * fz);
        return true;
    }

    /// <summary>The value and its exact derivatives along the three index axes (per voxel step) of the trilinear interpolant.</summary>
    public static bool TrySampleWithGradient(ReadOnlySpan<float> data, int nx, int ny, int nz, double x, double y, double z, out float value, out float dx, out float dy, out float dz)
    {
        if (!Corner(x, nx, out int i0, out float fx) || !Corner(y, ny, out int j0, out float fy) || !Corner(z, nz, out int k0, out float fz))
        {
            value = dx = dy = dz = 0;
            return false;
        }

        int di = nx > 1 ? 1 : 0, dj = ny > 1 ? nx : 0, dk = nz > 1 ? nx * ny : 0;
        int b = (((k0 * ny) + j0) * nx) + i0;
        float v000 = data[b], v100 = data[b + di], v010 = data[b + dj], v110 = data[b + dj + di];
        float v001 = data[b + dk], v101 = data[b + dk + di], v011 = data[b + dk + dj], v111 = data[b + dk + dj + di];
        float c00 = v000 + ((v100 - v000) * fx);
        float c10 = v010 + ((v110 - v010) * fx);
        float c01 = v001 + ((v101 - v001) * fx);
        float c11 = v011 + ((v111 - v011) * fx);
        float c0 = c00 + ((c10 - c00) * fy);
        float c1 = c01 + ((c11 - c01) * fy);
        value = c0 + ((c1 - c0) * fz);
        dz = c1 - c0;
        dy = ((c10 - c00) * (1 - fz)) + ((c11 - c01) * fz);
        float e0 = ((v100 - v000) * (1 - fy)) + ((v110 - v010) * fy);
        float e1 = ((v101 - v001) * (1 - fy)) + ((v111 - v011) * fy);
        dx = (e0 * (1 - fz)) + (e1 * fz);
        if (nx == 1)
        {
            dx = 0;
        }

        if (ny == 1)
        {
            dy = 0;
        }

        if (nz == 1)
        {
            dz = 0;
        }

        return true;
    }

    private static bool Corner(double t, int n, out int i0, out float f)
    {
        if (!(t >= 0 && t <= n - 1))
        {
            i0 = 0;
            f = 0;
            return false;
        }

        i0 = Math.Min((int)t, Math.Max(0, n - 2));
        f = (float)(t - i0);
        return true;
    }
}
