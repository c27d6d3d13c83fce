namespace NoduleScope.Imaging.Processing;

/// <summary>One connected region of a mask: its label, size, bounding box (inclusive) and centroid in voxel indices.</summary>
public sealed record ConnectedComponent(int Label, long VoxelCount, int MinX, int MinY, int MinZ, int MaxX, int MaxY, int MaxZ, Vector3D Centroid)
{
    public bool TouchesBorder(ImageGrid g) => MinX == 0 || MinY == 0 || MinZ == 0 || MaxX == g.SizeX - 1 || MaxY == g.SizeY - 1 || MaxZ == g.SizeZ - 1;
}
