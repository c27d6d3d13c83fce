namespace NoduleScope.Fuzz;

/// <summary>Every fuzz target. Add new ones here (see <see cref="IFuzzTarget"/>); the name must match the target's own.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTargetEntry> All { get; } =
    [
        new("dicom-reader", () => new DicomReaderTarget()),
        new("rle", CodecFrameTarget.Rle),
        new("jpeg", CodecFrameTarget.Jpeg),
        new("jpegls", CodecFrameTarget.JpegLs),
        new("j2k", CodecFrameTarget.Jpeg2000),
        new("deflate", CodecFrameTarget.Deflate),
        new("series-assembly", () => new SeriesAssemblyTarget()),
        new("dimse", () => new DimseAssociationTarget()),
        new("dimse-query", () => new DimseQueryTarget()),
    ];

    public static FuzzTargetEntry? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
