namespace NoduleScope.Dicom;

/// <summary>How the elements at the current position are encoded (it changes inside UN sequences, PS3.5 §6.2.2).</summary>
internal readonly record struct DicomEncoding(bool ExplicitVR, bool BigEndian)
{
    public static readonly DicomEncoding ExplicitLittle = new(true, false);
    public static readonly DicomEncoding ImplicitLittle = new(false, false);

    public static DicomEncoding From(DicomTransferSyntax ts) => new(ts.IsExplicitVR, ts.IsBigEndian);
}
