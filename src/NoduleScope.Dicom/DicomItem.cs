namespace NoduleScope.Dicom;

/// <summary>One attribute of a dataset: a value element, a sequence or encapsulated pixel data.</summary>
public abstract class DicomItem
{
    protected DicomItem(DicomTag tag, DicomVR vr)
    {
        Tag = tag;
        VR = vr;
    }

    public DicomTag Tag { get; }

    public DicomVR VR { get; }

    public override string ToString() => $"{DicomDictionary.Describe(Tag)} {VR.Code()}";
}
