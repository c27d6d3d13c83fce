using System.Globalization;

namespace NoduleScope.Dicom;

/// <summary>DA values (PS3.5 6.2): YYYYMMDD, and the YYYY.MM.DD of ACR-NEMA files that some archives still hold.</summary>
public static class DicomDate
{
    /// <summary>The date of a DA value; null when absent or not a date.</summary>
    public static DateOnly? Parse(string? text) =>
        text is not null && DateOnly.TryParseExact(text.Trim(), ["yyyyMMdd", "yyyy.MM.dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
