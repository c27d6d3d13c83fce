namespace NoduleScope.Dicom.Network;

/// <summary>Source field of an A-ASSOCIATE-RJ (PS3.8 Table 9-21); the meaning of the reason depends on it.</summary>
public enum DicomRejectSource : byte
{
    ServiceUser = 1,
    ServiceProviderAcse = 2,
    ServiceProviderPresentation = 3,
}
