namespace NoduleScope.Imaging.Processing;

/// <summary>A byte mask (or label map with up to 255 labels) on an <see cref="ImageGrid"/>.</summary>
public sealed class MaskVolume
{
    public MaskVolume(ImageGrid grid, byte[]? data = null)
    {
        Grid = grid;
        Data = data ?? new byte[grid.Count];
        if (Data.LongLength != grid.Count)
        {
            throw new ArgumentException($"buffer has {Data.LongLength} voxels, grid needs {grid.Count}", nameof(data));
        }
    }

    public ImageGrid Grid { get; }

    public byte[] Data { get; }

    public byte this[int x, int y, int z]
    {
        get => Data[Grid.Index(x, y, z)];
        set => Data[Grid.Index(x, y, z)] = value;
    }

    public MaskVolume Clone() => new(Grid, (byte[])Data.Clone());

    public long CountNonZero()
    {
        long n = 0;
        foreach (byte b in Data)
        {
            if (b != 0)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Label at the voxel nearest a world point, or 0 outside the grid.</summary>
    public byte At(Vector3D world)
    {
        var v = Grid.WorldToVoxel(world);
        int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
        return Grid.Contains(x, y, z) ? this[x, y, z] : (byte)0;
    }
}
