namespace NoduleScope.Imaging.Processing;

/// <summary>A float voxel buffer on an <see cref="ImageGrid"/> (filter responses, resampled HU).</summary>
public sealed class FloatVolume
{
    public FloatVolume(ImageGrid grid, float[]? data = null)
    {
        if (grid.Count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(grid), $"grid of {grid.Count} voxels is too large");
        }

        Grid = grid;
        Data = data ?? new float[grid.Count];
        if (Data.LongLength != grid.Count)
        {
            throw new ArgumentException($"buffer has {Data.LongLength} voxels, grid needs {grid.Count}", nameof(data));
        }
    }

    public ImageGrid Grid { get; }

    public float[] Data { get; }

    public float this[int x, int y, int z]
    {
        get => Data[Grid.Index(x, y, z)];
        set => Data[Grid.Index(x, y, z)] = value;
    }

    public FloatVolume Clone() => new(Grid, (float[])Data.Clone());

    /// <summary>Trilinear value at a continuous voxel index (clamped to the grid).</summary>
    public float Sample(double x, double y, double z)
    {
        var g = Grid;
        x = Math.Clamp(x, 0, g.SizeX - 1);
        y = Math.Clamp(y, 0, g.SizeY - 1);
        z = Math.Clamp(z, 0, g.SizeZ - 1);
        int x0 = Math.Min((int)x, g.SizeX - 2 < 0 ? 0 : g.SizeX - 2), y0 = Math.Min((int)y, Math.Max(0, g.SizeY - 2)), z0 = Math.Min((int)z, Math.Max(0, g.SizeZ - 2));
        x0 = Math.Max(0, x0);
        int x1 = Math.Min(x0 + 1, g.SizeX - 1), y1 = Math.Min(y0 + 1, g.SizeY - 1), z1 = Math.Min(z0 + 1, g.SizeZ - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0), fz = (float)(z - z0);
        float c00 = Lerp(this[x0, y0, z0], this[x1, y0, z0], fx);
        float c10 = Lerp(this[x0, y1, z0], this[x1, y1, z0], fx);
        float c01 = Lerp(this[x0, y0, z1], this[x1, y0, z1], fx);
        float c11 = Lerp(this[x0, y1, z1], this[x1, y1, z1], fx);
        return Lerp(Lerp(c00, c10, fy), Lerp(c01, c11, fy), fz);
    }

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);
}
