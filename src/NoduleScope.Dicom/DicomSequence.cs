namespace NoduleScope.Dicom;

/// <summary>A sequence (SQ) of nested datasets.</summary>
public sealed class DicomSequence : DicomItem
{
    public DicomSequence(DicomTag tag, IEnumerable<DicomDataset>? items = null)
        : base(tag, DicomVR.SQ)
    {
        Items = items is null ? [] : [.. items];
    }

    public List<DicomDataset> Items { get; }
}
