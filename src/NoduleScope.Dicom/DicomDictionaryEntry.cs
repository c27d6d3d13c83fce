namespace NoduleScope.Dicom;

/// <summary>One attribute of the PS3.6 data dictionary.</summary>
public sealed record DicomDictionaryEntry(string TagPattern, DicomVR[] ValueRepresentations, string ValueMultiplicity, string Keyword, string Name, bool IsRetired)
{
    /// <summary>The VR used when the stream does not say (implicit VR): the first listed.</summary>
    public DicomVR DefaultVR => ValueRepresentations.Length > 0 ? ValueRepresentations[0] : DicomVR.UN;
}
