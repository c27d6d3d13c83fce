namespace NoduleScope.Imaging.Tests.IO;

/// <summary>Volumes and geometry comparisons shared by the IO tests.</summary>
internal static class TestVolumes
{
    /// <summary>
    /// A small volume with anisotropic spacing and an oblique direction matrix (a rotation by three Euler angles,
    /// optionally with the slice axis flipped so the matrix has determinant −1); voxels cover the whole short range.
    /// </summary>
    public static CtVolume Oblique(bool leftHanded = false, int sizeX = 7, int sizeY = 6, int sizeZ = 5)
    {
        Vector3D x = Rotate(new Vector3D(1, 0, 0));
        Vector3D y = Rotate(new Vector3D(0, 1, 0));
        Vector3D z = Rotate(new Vector3D(0, 0, 1)) * (leftHanded ? -1 : 1);
        var volume = new CtVolume(sizeX, sizeY, sizeZ, new Vector3D(0.7, 0.8, 2.5), new Vector3D(-12.25, 30.5, -7.75), x, y, z);
        var random = new Random(1234);
        Span<short> voxels = volume.Voxels;
        for (int i = 0; i < voxels.Length; i++)
        {
            voxels[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }

        voxels[0] = short.MinValue;
        voxels[^1] = short.MaxValue;
        return volume;
    }

    /// <summary>Rotation by 20° about z, then −10° about y, then 30° about x.</summary>
    private static Vector3D Rotate(Vector3D v)
    {
        v = RotateAboutZ(v, 20);
        v = RotateAboutY(v, -10);
        return RotateAboutX(v, 30);
    }

    private static Vector3D RotateAboutZ(Vector3D v, double degrees)
    {
        double c = Math.Cos(degrees * Math.PI / 180), s = Math.Sin(degrees * Math.PI / 180);
        return new Vector3D((c * v.X) - (s * v.Y), (s * v.X) + (c * v.Y), v.Z);
    }

    private static Vector3D RotateAboutY(Vector3D v, double degrees)
    {
        double c = Math.Cos(degrees * Math.PI / 180), s = Math.Sin(degrees * Math.PI / 180);
        return new Vector3D((c * v.X) + (s * v.Z), v.Y, (-s * v.X) + (c * v.Z));
    }

    private static Vector3D RotateAboutX(Vector3D v, double degrees)
    {
        double c = Math.Cos(degrees * Math.PI / 180), s = Math.Sin(degrees * Math.PI / 180);
        return new Vector3D(v.X, (c * v.Y) - (s * v.Z), (s * v.Y) + (c * v.Z));
    }

    /// <summary>Asserts equal sizes and that all eight corner voxels map to the same world points.</summary>
    public static void AssertSameGeometry(CtVolume expected, CtVolume actual, double tolerance)
    {
        Assert.Equal(expected.SizeX, actual.SizeX);
        Assert.Equal(expected.SizeY, actual.SizeY);
        Assert.Equal(expected.SizeZ, actual.SizeZ);
        for (int corner = 0; corner < 8; corner++)
        {
            double i = (corner & 1) == 0 ? 0 : expected.SizeX - 1;
            double j = (corner & 2) == 0 ? 0 : expected.SizeY - 1;
            double k = (corner & 4) == 0 ? 0 : expected.SizeZ - 1;
            AssertClose(expected.VoxelToWorld(i, j, k), actual.VoxelToWorld(i, j, k), tolerance, $"corner ({i}, {j}, {k})");
        }
    }

    public static void AssertClose(Vector3D expected, Vector3D actual, double tolerance, string what = "point")
    {
        double distance = (expected - actual).Length;
        Assert.True(distance <= tolerance, $"{what}: expected {expected}, got {actual} (off by {distance:g3}, tolerance {tolerance:g3})");
    }
}
