namespace NoduleScope.Imaging.Series;

/// <summary>How strict series assembly is, and how stored values become HU.</summary>
public sealed record AssemblyOptions
{
    /// <summary>Map padding (PixelPaddingValue, and anything below −1024 HU such as −2048/−3024 outside the
    /// reconstruction circle) to −1024 HU air. Off for conversion (keeps values as dcm2niix does), on for detection.</summary>
    public bool PaddingToAir { get; init; }

    /// <summary>Assemble even when slices are missing or unevenly spaced (the volume then uses the mean spacing).</summary>
    public bool AllowIrregularSpacing { get; init; }

    /// <summary>Relative deviation from the median slice spacing that still counts as even.</summary>
    public double SpacingTolerance { get; init; } = 0.1;

    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Largest volume assembled, in voxels (2 bytes each): headers alone decide the size, so a few tiny
    /// hostile files could otherwise ask for gigabytes. The default (512 Mi voxels, 1 GiB) holds 1024 × 1024 × 512.</summary>
    public long MaxVoxels { get; init; } = 512L << 20;
}
