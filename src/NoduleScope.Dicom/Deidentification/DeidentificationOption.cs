namespace NoduleScope.Dicom.Deidentification;

/// <summary>The option columns of PS3.15 Table E.1-1; each has a code in CID 7050 (<see cref="DeidentificationMethodCodes"/>).</summary>
public enum DeidentificationOption
{
    RetainSafePrivate,
    RetainUids,
    RetainDeviceIdentity,
    RetainInstitutionIdentity,
    RetainPatientCharacteristics,
    RetainLongitudinalFullDates,
    RetainLongitudinalModifiedDates,
    CleanDescriptors,
    CleanStructuredContent,
    CleanGraphics,
}
