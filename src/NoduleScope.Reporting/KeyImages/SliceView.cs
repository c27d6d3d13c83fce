namespace NoduleScope.Reporting.KeyImages;

/// <summary>Maps voxel (column, row) positions of a slice to image pixels and back.</summary>
internal readonly record struct SliceView(double CenterX, double CenterY, double PixelsPerVoxelX, double PixelsPerVoxelY, int Size)
{
    public (double U, double V) ToImage(double x, double y) =>
        (((x - CenterX) * PixelsPerVoxelX) + (Size / 2.0), ((y - CenterY) * PixelsPerVoxelY) + (Size / 2.0));

    public (double X, double Y) ToVoxel(double u, double v) =>
        (CenterX + ((u - (Size / 2.0)) / PixelsPerVoxelX), CenterY + ((v - (Size / 2.0)) / PixelsPerVoxelY));
}
