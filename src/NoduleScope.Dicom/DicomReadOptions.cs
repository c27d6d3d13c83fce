namespace NoduleScope.Dicom;

/// <summary>Limits and switches for reading; every limit protects against hostile or broken input.</summary>
public sealed record DicomReadOptions
{
    public static DicomReadOptions Default { get; } = new();

    /// <summary>Header-only reads: pixel data is located but its bytes are never loaded.</summary>
    public bool ReadPixelData { get; init; } = true;

    /// <summary>Stop parsing at (7FE0,0010) entirely (fastest header scan).</summary>
    public bool StopAtPixelData { get; init; }

    /// <summary>
    /// When reading from a <see cref="MemoryStream"/> with a visible buffer, values are slices of that buffer instead of
    /// copies. The caller must keep the buffer unchanged while the dataset is used (the series assembler reads each
    /// file into a pooled buffer this way, so a 255-slice series does not churn 50 MB of large-object heap).
    /// </summary>
    public bool ShareSourceBuffer { get; init; }

    /// <summary>Maximum depth of nested sequences.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Largest single element value in bytes.</summary>
    public long MaxElementLength { get; init; } = 1L << 30;

    /// <summary>Largest total of element values in one file, in bytes.</summary>
    public long MaxDatasetBytes { get; init; } = 2L << 30;

    /// <summary>Largest number of elements in one file (all nesting levels together).</summary>
    public int MaxElementCount { get; init; } = 1_000_000;

    /// <summary>Largest decompressed size of a deflated dataset, in bytes.</summary>
    public long MaxInflatedBytes { get; init; } = 1L << 30;

    /// <summary>Largest ratio of inflated to deflated size accepted (zip/gzip bombs exceed it).</summary>
    public double MaxDecompressionRatio { get; init; } = 200;

    /// <summary>Largest number of pixels in one frame (rows × columns).</summary>
    public long MaxPixelsPerFrame { get; init; } = 1L << 28;

    /// <summary>Largest uncompressed size of all frames together, in bytes.</summary>
    public long MaxPixelDataBytes { get; init; } = 2L << 30;
}
