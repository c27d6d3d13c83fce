namespace NoduleScope.Imaging.IO;

/// <summary>
/// Voxel-to-world mapping as stored in files: world = Origin + i·ColumnX + j·ColumnY + k·ColumnZ, where each column is
/// an axis direction scaled by its spacing.
/// </summary>
internal readonly record struct VoxelAffine(Vector3D ColumnX, Vector3D ColumnY, Vector3D ColumnZ, Vector3D Origin)
{
    public static VoxelAffine FromVolume(CtVolume volume) => new(
        volume.DirectionX * volume.Spacing.X,
        volume.DirectionY * volume.Spacing.Y,
        volume.DirectionZ * volume.Spacing.Z,
        volume.Origin);

    /// <summary>Converts between RAS (NIfTI) and LPS (DICOM): both flip the sign of the x and y world axes.</summary>
    public VoxelAffine FlipXY() => new(FlipXY(ColumnX), FlipXY(ColumnY), FlipXY(ColumnZ), FlipXY(Origin));

    /// <summary>Builds the volume, or throws when the geometry is not finite or the axes are degenerate.</summary>
    public CtVolume CreateVolume(int sizeX, int sizeY, int sizeZ, short[] voxels, string path)
    {
        if (!IsFinite(ColumnX) || !IsFinite(ColumnY) || !IsFinite(ColumnZ) || !IsFinite(Origin))
        {
            throw new VolumeFormatException(path, "the voxel-to-world transform contains a non-finite number");
        }

        var spacing = new Vector3D(ColumnX.Length, ColumnY.Length, ColumnZ.Length);
        if (!(spacing.X > 0) || !(spacing.Y > 0) || !(spacing.Z > 0))
        {
            throw new VolumeFormatException(path, $"the voxel-to-world transform has a zero-length axis (spacing {spacing})");
        }

        Vector3D directionX = ColumnX / spacing.X;
        Vector3D directionY = ColumnY / spacing.Y;
        Vector3D directionZ = ColumnZ / spacing.Z;
        if (Math.Abs(directionX.Dot(directionY.Cross(directionZ))) < 1e-6)
        {
            throw new VolumeFormatException(path, "the voxel axes are degenerate (the direction vectors are coplanar)");
        }

        return new CtVolume(sizeX, sizeY, sizeZ, spacing, Origin, directionX, directionY, directionZ, voxels)
        {
            Source = new VolumeSource { Path = path },
        };
    }

    private static Vector3D FlipXY(Vector3D v) => new(-v.X, -v.Y, v.Z);

    private static bool IsFinite(Vector3D v) => double.IsFinite(v.X) && double.IsFinite(v.Y) && double.IsFinite(v.Z);
}
