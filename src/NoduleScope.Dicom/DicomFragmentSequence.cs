namespace NoduleScope.Dicom;

/// <summary>Encapsulated pixel data: the basic offset table item followed by the compressed fragments.</summary>
public sealed class DicomFragmentSequence : DicomItem
{
    public DicomFragmentSequence(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> basicOffsetTable, IEnumerable<ReadOnlyMemory<byte>> fragments)
        : base(tag, vr)
    {
        BasicOffsetTable = basicOffsetTable;
        Fragments = [.. fragments];
    }

    /// <summary>The first item's bytes: little-endian 32-bit offsets of each frame's first fragment, or empty.</summary>
    public ReadOnlyMemory<byte> BasicOffsetTable { get; }

    public List<ReadOnlyMemory<byte>> Fragments { get; }

    /// <summary>Where the encapsulated value starts in the source when the fragments were not loaded (header-only read), else -1.</summary>
    public long NotLoadedStreamOffset { get; init; } = -1;

    public bool IsLoaded => NotLoadedStreamOffset < 0;
}
