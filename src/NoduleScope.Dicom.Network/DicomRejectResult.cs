namespace NoduleScope.Dicom.Network;

/// <summary>Result field of an A-ASSOCIATE-RJ (PS3.8 Table 9-21).</summary>
public enum DicomRejectResult : byte
{
    Permanent = 1,
    Transient = 2,
}
