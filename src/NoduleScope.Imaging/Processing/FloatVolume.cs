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
}
