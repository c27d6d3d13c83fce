using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Lungs;

/// <summary>Lung labels on the segmentation grid (0 outside, <see cref="RightLung"/>, <see cref="LeftLung"/>) and what was found.</summary>
public sealed class LungSegmentation
{
    private float[]? edgeDistanceSquared;

    public const byte RightLung = 1;
    public const byte LeftLung = 2;

    public LungSegmentation(MaskVolume labels, IReadOnlyList<string> warnings, bool airwayRemoved, MaskVolume? hull = null)
    {
        Labels = labels;
        Hull = hull ?? labels;
        Warnings = warnings;
        AirwayRemoved = airwayRemoved;
        long right = 0, left = 0;
        foreach (byte b in labels.Data)
        {
            right += b == RightLung ? 1 : 0;
            left += b == LeftLung ? 1 : 0;
        }

        RightVolumeMl = right * labels.Grid.VoxelVolume / 1000;
        LeftVolumeMl = left * labels.Grid.VoxelVolume / 1000;
    }

    public MaskVolume Labels { get; }

    /// <summary>Each lung's per-slice convex hull (within the body): also holds large peripheral masses that push the
    /// lung surface in, which the tight mask leaves out. Used to look for dense lesions, not for blobs.</summary>
    public MaskVolume Hull { get; }

    public double RightVolumeMl { get; }

    public double LeftVolumeMl { get; }

    public bool AirwayRemoved { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Squared distance (mm²) from every voxel of <see cref="Labels"/> to the nearest voxel outside the lungs,
    /// computed once on first use (candidate features, lesion placement and location all need it).</summary>
    public float[] EdgeDistanceSquared => edgeDistanceSquared ??= DistanceTransform.SquaredToNearest(Labels, toSet: false);

    /// <summary>Lung label at a world point (0 outside both lungs).</summary>
    public byte LungAt(Vector3D world) => Labels.At(world);
}
