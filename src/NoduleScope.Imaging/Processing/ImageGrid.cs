namespace NoduleScope.Imaging.Processing;

/// <summary>
/// The geometry of a voxel grid: size, spacing, origin and unit direction vectors in world LPS mm, the same convention
/// as <see cref="CtVolume"/>. Index = (z · SizeY + y) · SizeX + x.
/// </summary>
public sealed record ImageGrid(int SizeX, int SizeY, int SizeZ, Vector3D Spacing, Vector3D Origin, Vector3D DirectionX, Vector3D DirectionY, Vector3D DirectionZ)
{
    public static ImageGrid Of(CtVolume volume) => volume.Grid;

    public long Count => (long)SizeX * SizeY * SizeZ;

    public int SliceLength => SizeX * SizeY;

    public double VoxelVolume => Spacing.X * Spacing.Y * Spacing.Z;

    public int Index(int x, int y, int z) => (((z * SizeY) + y) * SizeX) + x;

    public bool Contains(int x, int y, int z) => (uint)x < (uint)SizeX && (uint)y < (uint)SizeY && (uint)z < (uint)SizeZ;

    public Vector3D VoxelToWorld(double i, double j, double k) =>
        Origin + (DirectionX * (i * Spacing.X)) + (DirectionY * (j * Spacing.Y)) + (DirectionZ * (k * Spacing.Z));

    public Vector3D VoxelToWorld(Vector3D index) => VoxelToWorld(index.X, index.Y, index.Z);

    public Vector3D WorldToVoxel(Vector3D world)
    {
        Vector3D d = world - Origin;
        Vector3D a = DirectionX * Spacing.X;
        Vector3D b = DirectionY * Spacing.Y;
        Vector3D c = DirectionZ * Spacing.Z;
        double det = a.Dot(b.Cross(c));
        return new Vector3D(d.Dot(b.Cross(c)) / det, a.Dot(d.Cross(c)) / det, a.Dot(b.Cross(d)) / det);
    }

    /// <summary>A grid over the same region with the given spacing (sizes rounded so the extent is kept).</summary>
    public ImageGrid Resampled(Vector3D spacing) => this with
    {
        SizeX = Math.Max(1, (int)Math.Round((SizeX - 1) * Spacing.X / spacing.X) + 1),
        SizeY = Math.Max(1, (int)Math.Round((SizeY - 1) * Spacing.Y / spacing.Y) + 1),
        SizeZ = Math.Max(1, (int)Math.Round((SizeZ - 1) * Spacing.Z / spacing.Z) + 1),
        Spacing = spacing,
    };

    /// <summary>The sub-grid of voxels [x0, x1) × [y0, y1) × [z0, z1).</summary>
    public ImageGrid Crop(int x0, int y0, int z0, int x1, int y1, int z1) => this with
    {
        SizeX = x1 - x0,
        SizeY = y1 - y0,
        SizeZ = z1 - z0,
        Origin = VoxelToWorld(x0, y0, z0),
    };
}
