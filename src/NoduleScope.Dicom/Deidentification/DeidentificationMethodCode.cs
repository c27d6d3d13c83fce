namespace NoduleScope.Dicom.Deidentification;

/// <summary>A code of CID 7050 (De-identification Method), coding scheme DCM.</summary>
public sealed record DeidentificationMethodCode(string CodeValue, string CodeMeaning)
{
    public const string CodingSchemeDesignator = "DCM";
}
