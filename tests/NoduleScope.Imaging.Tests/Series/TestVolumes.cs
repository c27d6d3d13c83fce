namespace NoduleScope.Imaging.Tests.Series;

internal static class TestVolumes
{
    /// <summary>A small volume with a distinct value in every voxel (so any misplaced slice or pixel shows).</summary>
    public static CtVolume Gradient(int sx, int sy, int sz, Vector3D spacing, Vector3D origin, Vector3D? dirX = null, Vector3D? dirY = null)
    {
        Vector3D x = dirX ?? new Vector3D(1, 0, 0);
        Vector3D y = dirY ?? new Vector3D(0, 1, 0);
        var volume = new CtVolume(sx, sy, sz, spacing, origin, x, y, x.Cross(y));
        for (int z = 0; z < sz; z++)
        {
            for (int j = 0; j < sy; j++)
            {
                for (int i = 0; i < sx; i++)
                {
                    volume[i, j, z] = (short)(-1000 + (z * 97) + (j * 7) + i);
                }
            }
        }

        return volume;
    }

    public static void AssertSameGeometry(CtVolume expected, CtVolume actual, double tolerance = 1e-4)
    {
        Assert.Equal((expected.SizeX, expected.SizeY, expected.SizeZ), (actual.SizeX, actual.SizeY, actual.SizeZ));
        foreach (var corner in new[] { new Vector3D(0, 0, 0), new Vector3D(expected.SizeX - 1, 0, 0), new Vector3D(0, expected.SizeY - 1, 0), new Vector3D(expected.SizeX - 1, expected.SizeY - 1, expected.SizeZ - 1) })
        {
            double distance = (expected.VoxelToWorld(corner) - actual.VoxelToWorld(corner)).Length;
            Assert.True(distance < tolerance, $"voxel {corner}: expected {expected.VoxelToWorld(corner)}, got {actual.VoxelToWorld(corner)}");
        }
    }
}
