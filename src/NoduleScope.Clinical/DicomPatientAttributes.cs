using System.Globalization;

namespace NoduleScope.Clinical;

/// <summary>Reads the DICOM patient attributes the clinical models use: PatientAge (AS) and PatientSex (CS).</summary>
public static class DicomPatientAttributes
{
    /// <summary>"062Y", "006M", "010W", "003D" → age in years; null when absent or malformed.</summary>
    public static double? ParseAge(string? patientAge)
    {
        string? text = patientAge?.Trim();
        if (text is not { Length: 4 } || !int.TryParse(text.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            return null;
        }

        return char.ToUpperInvariant(text[3]) switch
        {
            'Y' => n,
            'M' => n / 12.0,
            'W' => n * 7 / 365.25,
            'D' => n / 365.25,
            _ => null,
        };
    }

    /// <summary>"M" → male, "F" → female; "O", empty or anything else → unknown.</summary>
    public static PatientSex? ParseSex(string? patientSex) => patientSex?.Trim().ToUpperInvariant() switch
    {
        "M" => PatientSex.Male,
        "F" => PatientSex.Female,
        _ => null,
    };
}
