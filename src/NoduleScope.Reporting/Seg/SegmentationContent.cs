using NoduleScope.Imaging;

namespace NoduleScope.Reporting.Seg;

/// <summary>A binary segmentation read back by <see cref="SegmentationReader"/>: its geometry, segments and frames.</summary>
public sealed record SegmentationContent
{
    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public required string? FrameOfReferenceUid { get; init; }

    /// <summary>ImageOrientationPatient row and column directions (shared by all frames).</summary>
    public required Vector3D RowDirection { get; init; }

    public required Vector3D ColumnDirection { get; init; }

    /// <summary>PixelSpacing as (between rows, between columns) in mm.</summary>
    public required (double Row, double Column) PixelSpacing { get; init; }

    public required IReadOnlyList<SegmentDescription> Segments { get; init; }

    public required IReadOnlyList<SegmentationFrame> Frames { get; init; }

    /// <summary>
    /// Segment <paramref name="segmentNumber"/> as a mask of <paramref name="volume"/> (0/1 per voxel, volume index
    /// order): each frame goes to the slice at its plane position.
    /// </summary>
    /// <exception cref="InvalidDataException">The segmentation does not lie on the volume's grid.</exception>
    public byte[] ToVolumeMask(int segmentNumber, CtVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        if (Rows != volume.SizeY || Columns != volume.SizeX)
        {
            throw new InvalidDataException($"segmentation frames are {Columns} x {Rows}, the volume's slices {volume.SizeX} x {volume.SizeY}");
        }

        if ((RowDirection - volume.DirectionX).Length > 1e-4 || (ColumnDirection - volume.DirectionY).Length > 1e-4)
        {
            throw new InvalidDataException("segmentation orientation differs from the volume's");
        }

        if (Math.Abs(PixelSpacing.Row - volume.Spacing.Y) > 1e-4 || Math.Abs(PixelSpacing.Column - volume.Spacing.X) > 1e-4)
        {
            throw new InvalidDataException("segmentation pixel spacing differs from the volume's");
        }

        byte[] mask = new byte[volume.VoxelCount];
        foreach (var frame in Frames.Where(f => f.SegmentNumber == segmentNumber))
        {
            var v = volume.WorldToVoxel(frame.Position);
            int z = (int)Math.Round(v.Z);
            // DS values keep 10 significant digits: positions agree to well under a hundredth of a voxel.
            if (Math.Abs(v.X) > 0.01 || Math.Abs(v.Y) > 0.01 || Math.Abs(v.Z - z) > 0.01 || z < 0 || z >= volume.SizeZ)
            {
                throw new InvalidDataException($"frame at {frame.Position} is not on a slice of the volume");
            }

            for (int i = 0; i < frame.Pixels.Length; i++)
            {
                mask[((long)z * volume.SliceLength) + i] |= frame.Pixels[i];
            }
        }

        return mask;
    }
}
