namespace NoduleScope.Dicom;

/// <summary>
/// An attribute with a value held as raw bytes in little-endian order (big-endian input is swapped on reading).
/// In header-only reads pixel data is not loaded: <see cref="IsLoaded"/> is false and the element records where its
/// value lies in the source stream.
/// </summary>
public sealed class DicomElement : DicomItem
{
    public DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> data)
        : base(tag, vr)
    {
        Data = data;
        Length = data.Length;
        IsLoaded = true;
    }

    private DicomElement(DicomTag tag, DicomVR vr, long streamOffset, long length)
        : base(tag, vr)
    {
        StreamOffset = streamOffset;
        Length = length;
    }

    /// <summary>A value that was skipped (header-only read).</summary>
    public static DicomElement NotLoaded(DicomTag tag, DicomVR vr, long streamOffset, long length) => new(tag, vr, streamOffset, length);

    public ReadOnlyMemory<byte> Data { get; }

    public bool IsLoaded { get; }

    /// <summary>Offset of the value in the source stream when not loaded, else -1.</summary>
    public long StreamOffset { get; } = -1;

    /// <summary>Value length in bytes.</summary>
    public long Length { get; }
}
