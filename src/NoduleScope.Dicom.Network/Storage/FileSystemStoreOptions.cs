namespace NoduleScope.Dicom.Network.Storage;

/// <summary>Where and how <see cref="FileSystemStoreHandler"/> keeps received instances.</summary>
public sealed record FileSystemStoreOptions
{
    /// <summary>
    /// The storage root. Instances go to <c>instances/xx/&lt;sha256&gt;.dcm</c> under it and are written first to
    /// <c>incoming/</c> (same file system, so the final rename is atomic).
    /// </summary>
    public required string RootDirectory { get; init; }

    /// <summary>Associations are vetoed, and instances refused with 0xA700, while less space than this is free.</summary>
    public long MinimumFreeBytes { get; init; } = 2L << 30;

    /// <summary>
    /// Parse each received file (without pixel data) before acknowledging it: unreadable data sets are answered with
    /// 0xC000, and data sets whose SOP class or instance differ from the command with 0xA900 or 0xC000.
    /// </summary>
    public bool ValidateDataSet { get; init; } = true;

    /// <summary>Limits for that parse.</summary>
    public DicomReadOptions ReadOptions { get; init; } = DicomReadOptions.Default with { ReadPixelData = false };
}
