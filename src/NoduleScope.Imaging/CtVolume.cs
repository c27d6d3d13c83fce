using NoduleScope.Imaging.Processing;

namespace NoduleScope.Imaging;

/// <summary>
/// A CT volume in Hounsfield units: one contiguous buffer in (z, y, x) order plus its geometry. Voxel (i, j, k) —
/// column i, row j, slice k — lies at world point Origin + i·Spacing.X·DirectionX + j·Spacing.Y·DirectionY +
/// k·Spacing.Z·DirectionZ in DICOM patient coordinates (LPS, mm). Direction vectors are unit length.
/// </summary>
public sealed class CtVolume
{
    public CtVolume(int sizeX, int sizeY, int sizeZ, Vector3D spacing, Vector3D origin, Vector3D directionX, Vector3D directionY, Vector3D directionZ, short[]? voxels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeX);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeY);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeZ);
        if (spacing.X <= 0 || spacing.Y <= 0 || spacing.Z <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "spacing must be positive");
        }

        long count = (long)sizeX * sizeY * sizeZ;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeZ), $"volume of {count} voxels is too large");
        }

        if (voxels is not null && voxels.LongLength != count)
        {
            throw new ArgumentException($"buffer has {voxels.LongLength} voxels, expected {count}", nameof(voxels));
        }

        SizeX = sizeX;
        SizeY = sizeY;
        SizeZ = sizeZ;
        Spacing = spacing;
        Origin = origin;
        DirectionX = directionX.Normalized();
        DirectionY = directionY.Normalized();
        DirectionZ = directionZ.Normalized();
        Voxels = voxels ?? new short[count];
    }

    /// <summary>Creates an axial volume (identity directions).</summary>
    public static CtVolume CreateAxial(int sizeX, int sizeY, int sizeZ, Vector3D spacing, Vector3D origin, short[]? voxels = null) =>
        new(sizeX, sizeY, sizeZ, spacing, origin, new Vector3D(1, 0, 0), new Vector3D(0, 1, 0), new Vector3D(0, 0, 1), voxels);

    public int SizeX { get; }

    public int SizeY { get; }

    public int SizeZ { get; }

    /// <summary>Voxel size in mm along the column (X), row (Y) and slice (Z) directions.</summary>
    public Vector3D Spacing { get; }

    /// <summary>World position (LPS, mm) of the centre of voxel (0, 0, 0).</summary>
    public Vector3D Origin { get; }

    /// <summary>World direction of increasing column index (DICOM ImageOrientationPatient row direction).</summary>
    public Vector3D DirectionX { get; }

    /// <summary>World direction of increasing row index (ImageOrientationPatient column direction).</summary>
    public Vector3D DirectionY { get; }

    /// <summary>World direction of increasing slice index.</summary>
    public Vector3D DirectionZ { get; }

    /// <summary>HU values, index = (z · SizeY + y) · SizeX + x.</summary>
    public short[] Voxels { get; }

    private ImageGrid? grid;

    public int SliceLength => SizeX * SizeY;

    public long VoxelCount => Voxels.LongLength;

    /// <summary>Identifiers of the source, when known (StudyInstanceUID, SeriesInstanceUID, ...).</summary>
    public VolumeSource Source { get; init; } = VolumeSource.Unknown;

    public short this[int x, int y, int z]
    {
        get => Voxels[(((long)z * SizeY) + y) * SizeX + x];
        set => Voxels[(((long)z * SizeY) + y) * SizeX + x] = value;
    }

    /// <summary>Raises every voxel below air (−1024 HU) to air: padding such as −2048 or −3024 outside the
    /// reconstruction circle, which volume files keep, is air for detection.</summary>
    public void ClampBelowAir()
    {
        foreach (ref short v in Voxels.AsSpan())
        {
            v = Math.Max(v, (short)-1024);
        }
    }

    public Span<short> Slice(int z) => Voxels.AsSpan(z * SliceLength, SliceLength);

    /// <summary>The geometry alone (size, spacing, origin, directions).</summary>
    public ImageGrid Grid => grid ??= new ImageGrid(SizeX, SizeY, SizeZ, Spacing, Origin, DirectionX, DirectionY, DirectionZ);

    public Vector3D VoxelToWorld(double i, double j, double k) => Grid.VoxelToWorld(i, j, k);

    public Vector3D VoxelToWorld(Vector3D index) => Grid.VoxelToWorld(index);

    /// <summary>Continuous voxel index of a world point; works for non-orthogonal (sheared, e.g. tilted) axes too.</summary>
    public Vector3D WorldToVoxel(Vector3D world) => Grid.WorldToVoxel(world);

    public bool Contains(int x, int y, int z) => (uint)x < (uint)SizeX && (uint)y < (uint)SizeY && (uint)z < (uint)SizeZ;

    /// <summary>A copy with the same geometry and new voxels.</summary>
    public CtVolume WithVoxels(short[] voxels) =>
        new(SizeX, SizeY, SizeZ, Spacing, Origin, DirectionX, DirectionY, DirectionZ, voxels) { Source = Source };
}
