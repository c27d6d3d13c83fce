using NoduleScope.Imaging.Processing;

namespace NoduleScope.Imaging.Registration;

/// <summary>Affine maps between voxel indices of grids and world points.</summary>
public static class GridAffine
{
    /// <summary>The linear part of index → world: columns are the index axes' world steps (direction × spacing).</summary>
    public static Matrix3x3 IndexToWorld(ImageGrid grid) =>
        Matrix3x3.FromColumns(grid.DirectionX * grid.Spacing.X, grid.DirectionY * grid.Spacing.Y, grid.DirectionZ * grid.Spacing.Z);

    /// <summary>
    /// Continuous index of <paramref name="to"/> for an index of <paramref name="from"/> whose world point is mapped by
    /// <paramref name="worldMap"/>: toIndex = Matrix · fromIndex + Translation.
    /// </summary>
    public static AffineTransform IndexMap(ImageGrid from, AffineTransform worldMap, ImageGrid to)
    {
        var fromIndexToWorld = new AffineTransform(IndexToWorld(from), from.Origin);
        var toWorldToIndex = new AffineTransform(IndexToWorld(to), to.Origin).Inverse();
        return fromIndexToWorld.Then(worldMap).Then(toWorldToIndex);
    }
}
