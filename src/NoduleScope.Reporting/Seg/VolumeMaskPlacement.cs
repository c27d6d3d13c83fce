using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Reporting.Seg;

/// <summary>Where a mask on a crop of a volume's grid lies in that volume: the voxel offset of its first voxel.</summary>
public readonly record struct VolumeMaskPlacement(int OffsetX, int OffsetY, int OffsetZ)
{
    private const double Tolerance = 1e-3;

    /// <summary>The offset of <paramref name="mask"/> in <paramref name="volume"/>.</summary>
    /// <exception cref="ArgumentException">The mask is not on a crop of the volume's grid.</exception>
    public static VolumeMaskPlacement Of(MaskVolume mask, CtVolume volume)
    {
        var g = mask.Grid;
        if (!Same(g.Spacing, volume.Spacing) || !Same(g.DirectionX, volume.DirectionX) || !Same(g.DirectionY, volume.DirectionY) || !Same(g.DirectionZ, volume.DirectionZ))
        {
            throw new ArgumentException("the mask's grid has another spacing or orientation than the volume", nameof(mask));
        }

        var v = volume.WorldToVoxel(g.Origin);
        int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
        if (Math.Abs(v.X - x) > Tolerance || Math.Abs(v.Y - y) > Tolerance || Math.Abs(v.Z - z) > Tolerance)
        {
            throw new ArgumentException($"the mask's origin {g.Origin} is not on a voxel of the volume", nameof(mask));
        }

        if (x < 0 || y < 0 || z < 0 || x + g.SizeX > volume.SizeX || y + g.SizeY > volume.SizeY || z + g.SizeZ > volume.SizeZ)
        {
            throw new ArgumentException("the mask reaches outside the volume", nameof(mask));
        }

        return new VolumeMaskPlacement(x, y, z);
    }

    /// <summary>The mask as a full-size volume mask (0/1 per voxel, index = (z·SizeY + y)·SizeX + x).</summary>
    public static byte[] Rasterize(MaskVolume mask, CtVolume volume)
    {
        var at = Of(mask, volume);
        var g = mask.Grid;
        byte[] full = new byte[volume.VoxelCount];
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (mask[x, y, z] != 0)
                    {
                        full[((((long)(z + at.OffsetZ) * volume.SizeY) + y + at.OffsetY) * volume.SizeX) + x + at.OffsetX] = 1;
                    }
                }
            }
        }

        return full;
    }

    private static bool Same(Vector3D a, Vector3D b) =>
        Math.Abs(a.X - b.X) <= Tolerance * Math.Max(1, Math.Abs(b.X)) && Math.Abs(a.Y - b.Y) <= Tolerance * Math.Max(1, Math.Abs(b.Y)) && Math.Abs(a.Z - b.Z) <= Tolerance * Math.Max(1, Math.Abs(b.Z));
}
