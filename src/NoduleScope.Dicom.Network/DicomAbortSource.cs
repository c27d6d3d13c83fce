namespace NoduleScope.Dicom.Network;

/// <summary>Source field of an A-ABORT (PS3.8 Table 9-26).</summary>
public enum DicomAbortSource : byte
{
    ServiceUser = 0,
    ServiceProvider = 2,
}
