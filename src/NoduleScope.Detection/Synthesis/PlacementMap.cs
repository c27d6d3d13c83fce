using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Synthesis;

/// <summary>
/// On the lung segmentation grid: each lung voxel's distance to the lung boundary (pleura) and to the nearest dense
/// lung voxel (vessel, existing lesion), used to search nodule centres for each <see cref="LesionPlacement"/>.
/// </summary>
internal sealed class PlacementMap
{
    /// <summary>Lung voxels denser than this count as vessels or other dense structures.</summary>
    public const float DenseHu = -400;

    public const double ParenchymaMarginMm = 5;
    public const double VesselGapMinMm = 1;
    public const double VesselGapMaxMm = 2.5;

    private const int TriesPerKind = 40000;

    private readonly float[] pleuraMm;
    private readonly float[] denseMm;
    private readonly int[] lungVoxels;

    public PlacementMap(CtVolume background, LungSegmentation lungs)
    {
        var grid = lungs.Labels.Grid;
        Grid = grid;
        byte[] labels = lungs.Labels.Data;
        var hu = Resampler.ToGrid(background, grid).Data;
        var dense = new MaskVolume(grid);
        int lungCount = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0)
            {
                lungCount++;
                dense.Data[i] = hu[i] > DenseHu ? (byte)1 : (byte)0;
            }
        }

        lungVoxels = new int[lungCount];
        for (int i = 0, n = 0; i < labels.Length; i++)
        {
            if (labels[i] != 0)
            {
                lungVoxels[n++] = i;
            }
        }

        // Distances are between voxel centres; the boundary itself lies half a voxel closer.
        float half = (float)(Math.Min(grid.Spacing.X, Math.Min(grid.Spacing.Y, grid.Spacing.Z)) / 2);
        pleuraMm = DistanceTransform.SquaredToNearest(lungs.Labels, toSet: false);
        denseMm = DistanceTransform.SquaredToNearest(dense);
        for (int i = 0; i < pleuraMm.Length; i++)
        {
            pleuraMm[i] = MathF.Sqrt(pleuraMm[i]) - half;
            denseMm[i] = MathF.Sqrt(denseMm[i]) - half;
        }
    }

    public ImageGrid Grid { get; }

    public int LungVoxelCount => lungVoxels.Length;

    /// <summary>Distance (mm) from the voxel nearest <paramref name="world"/> to the lung boundary; 0 outside the grid or lung.</summary>
    public double PleuraDistance(Vector3D world) => At(pleuraMm, world);

    public double DenseDistance(Vector3D world) => At(denseMm, world);

    /// <summary>
    /// A lung voxel centre where a nodule of radius <paramref name="radiusMm"/> fits the placement kind, or null after
    /// a bounded random search. <paramref name="accept"/> adds the caller's checks (volume bounds, other nodules) and
    /// returns the centre to use (e.g. snapped to the CT grid) or null to keep searching.
    /// </summary>
    public Vector3D? Find(LesionPlacement kind, double radiusMm, Random random, Func<Vector3D, Vector3D?> accept)
    {
        if (lungVoxels.Length == 0)
        {
            return null;
        }

        float r = (float)radiusMm;
        for (int t = 0; t < TriesPerKind; t++)
        {
            int i = lungVoxels[random.Next(lungVoxels.Length)];
            float pleura = pleuraMm[i], dense = denseMm[i];
            bool fits = kind switch
            {
                LesionPlacement.Parenchyma => pleura >= r + ParenchymaMarginMm && dense >= r + VesselGapMinMm,
                LesionPlacement.Juxtapleural => pleura >= r - 0.5f && pleura <= r + 1.5f && dense >= r,
                LesionPlacement.Juxtavascular => dense >= r + VesselGapMinMm && dense <= r + VesselGapMaxMm && pleura >= r + 2,
                _ => false,
            };
            if (!fits)
            {
                continue;
            }

            int x = i % Grid.SizeX, y = i / Grid.SizeX % Grid.SizeY, z = i / Grid.SliceLength;
            var world = Grid.VoxelToWorld(x, y, z);
            if (accept(world) is { } centre)
            {
                return centre;
            }
        }

        return null;
    }

    private double At(float[] values, Vector3D world)
    {
        var v = Grid.WorldToVoxel(world);
        int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
        return Grid.Contains(x, y, z) ? Math.Max(0, values[Grid.Index(x, y, z)]) : 0;
    }
}
