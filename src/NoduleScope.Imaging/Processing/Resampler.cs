namespace NoduleScope.Imaging.Processing;

/// <summary>Resamples a CT volume onto a grid with the same orientation (trilinear), e.g. to a fixed working spacing.</summary>
public static class Resampler
{
    /// <summary>HU of <paramref name="volume"/> at every voxel of <paramref name="target"/> (which must share its directions).</summary>
    public static FloatVolume ToGrid(CtVolume volume, ImageGrid target)
    {
        var source = ImageGrid.Of(volume);
        var result = new FloatVolume(target);
        short[] src = volume.Voxels;
        int sx = source.SizeX, sy = source.SizeY, sz = source.SizeZ;
        // Index mapping is affine and axis-aligned because the directions are shared.
        var o = source.WorldToVoxel(target.Origin);
        double ax = target.Spacing.X / source.Spacing.X, ay = target.Spacing.Y / source.Spacing.Y, az = target.Spacing.Z / source.Spacing.Z;
        var xs = new int[target.SizeX];
        var fxs = new float[target.SizeX];
        for (int i = 0; i < target.SizeX; i++)
        {
            double x = Math.Clamp(o.X + (i * ax), 0, sx - 1);
            xs[i] = Math.Min((int)x, Math.Max(0, sx - 2));
            fxs[i] = (float)(x - xs[i]);
        }

        Parallel.For(0, target.SizeZ, k =>
        {
            double z = Math.Clamp(o.Z + (k * az), 0, sz - 1);
            int z0 = Math.Min((int)z, Math.Max(0, sz - 2)), z1 = Math.Min(z0 + 1, sz - 1);
            float fz = (float)(z - z0);
            var dst = result.Data.AsSpan(k * target.SliceLength, target.SliceLength);
            for (int j = 0; j < target.SizeY; j++)
            {
                double y = Math.Clamp(o.Y + (j * ay), 0, sy - 1);
                int y0 = Math.Min((int)y, Math.Max(0, sy - 2)), y1 = Math.Min(y0 + 1, sy - 1);
                float fy = (float)(y - y0);
                int r00 = ((z0 * sy) + y0) * sx, r10 = ((z0 * sy) + y1) * sx, r01 = ((z1 * sy) + y0) * sx, r11 = ((z1 * sy) + y1) * sx;
                int row = j * target.SizeX;
                for (int i = 0; i < target.SizeX; i++)
                {
                    int x0 = xs[i], x1 = Math.Min(x0 + 1, sx - 1);
                    float fx = fxs[i];
                    float c00 = src[r00 + x0] + ((src[r00 + x1] - src[r00 + x0]) * fx);
                    float c10 = src[r10 + x0] + ((src[r10 + x1] - src[r10 + x0]) * fx);
                    float c01 = src[r01 + x0] + ((src[r01 + x1] - src[r01 + x0]) * fx);
                    float c11 = src[r11 + x0] + ((src[r11 + x1] - src[r11 + x0]) * fx);
                    float c0 = c00 + ((c10 - c00) * fy);
                    float c1 = c01 + ((c11 - c01) * fy);
                    dst[row + i] = c0 + ((c1 - c0) * fz);
                }
            }
        });
        return result;
    }

    /// <summary>Nearest-neighbour transfer of a label mask onto another grid with the same orientation.</summary>
    public static MaskVolume ToGrid(MaskVolume mask, ImageGrid target)
    {
        var result = new MaskVolume(target);
        var source = mask.Grid;
        var o = source.WorldToVoxel(target.Origin);
        double ax = target.Spacing.X / source.Spacing.X, ay = target.Spacing.Y / source.Spacing.Y, az = target.Spacing.Z / source.Spacing.Z;
        Parallel.For(0, target.SizeZ, k =>
        {
            int z = (int)Math.Round(o.Z + (k * az));
            if ((uint)z >= (uint)source.SizeZ)
            {
                return;
            }

            for (int j = 0; j < target.SizeY; j++)
            {
                int y = (int)Math.Round(o.Y + (j * ay));
                if ((uint)y >= (uint)source.SizeY)
                {
                    continue;
                }

                int srcRow = ((z * source.SizeY) + y) * source.SizeX;
                int dstRow = ((k * target.SizeY) + j) * target.SizeX;
                for (int i = 0; i < target.SizeX; i++)
                {
                    int x = (int)Math.Round(o.X + (i * ax));
                    if ((uint)x < (uint)source.SizeX)
                    {
                        result.Data[dstRow + i] = mask.Data[srcRow + x];
                    }
                }
            }
        });
        return result;
    }
}
