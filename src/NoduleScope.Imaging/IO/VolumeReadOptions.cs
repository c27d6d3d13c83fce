namespace NoduleScope.Imaging.IO;

/// <summary>Limits for reading volume files; each one protects against hostile or broken input.</summary>
public sealed record VolumeReadOptions
{
    public static VolumeReadOptions Default { get; } = new();

    /// <summary>Largest number of voxels accepted (the header's dimensions multiplied).</summary>
    public long MaxVoxels { get; init; } = 1L << 30;

    /// <summary>
    /// Largest number of bytes read from the (decompressed) data: header, extensions and voxel data. Checked against
    /// what the header declares before anything is allocated, so a gzip bomb is never inflated past it.
    /// </summary>
    public long MaxDecompressedBytes { get; init; } = 4L << 30;
}
