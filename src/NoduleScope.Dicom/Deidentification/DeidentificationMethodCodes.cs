namespace NoduleScope.Dicom.Deidentification;

/// <summary>The codes of PS3.16 CID 7050 recorded in De-identification Method Code Sequence (0012,0064).</summary>
public static class DeidentificationMethodCodes
{
    public static readonly DeidentificationMethodCode BasicProfile = new("113100", "Basic Application Confidentiality Profile");

    public static DeidentificationMethodCode For(DeidentificationOption option) => option switch
    {
        DeidentificationOption.CleanGraphics => new("113103", "Clean Graphics Option"),
        DeidentificationOption.CleanStructuredContent => new("113104", "Clean Structured Content Option"),
        DeidentificationOption.CleanDescriptors => new("113105", "Clean Descriptors Option"),
        DeidentificationOption.RetainLongitudinalFullDates => new("113106", "Retain Longitudinal Temporal Information Full Dates Option"),
        DeidentificationOption.RetainLongitudinalModifiedDates => new("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
        DeidentificationOption.RetainPatientCharacteristics => new("113108", "Retain Patient Characteristics Option"),
        DeidentificationOption.RetainDeviceIdentity => new("113109", "Retain Device Identity Option"),
        DeidentificationOption.RetainUids => new("113110", "Retain UIDs Option"),
        DeidentificationOption.RetainSafePrivate => new("113111", "Retain Safe Private Option"),
        DeidentificationOption.RetainInstitutionIdentity => new("113112", "Retain Institution Identity Option"),
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, null),
    };
}
