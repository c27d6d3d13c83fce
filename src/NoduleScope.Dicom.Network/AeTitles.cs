namespace NoduleScope.Dicom.Network;

/// <summary>Checks AE titles we are configured with (PS3.5 Table 6.2-1: 1 to 16 characters of the default repertoire, no backslash or control characters).</summary>
internal static class AeTitles
{
    public static void Validate(string aeTitle, string parameter)
    {
        string trimmed = aeTitle.Trim(' ');
        if (trimmed.Length is 0 or > 16)
        {
            throw new ArgumentException($"AE title '{LogText.Sanitize(aeTitle)}' must be 1 to 16 characters", parameter);
        }

        foreach (char c in trimmed)
        {
            if (c is < (char)0x20 or > (char)0x7E or '\\')
            {
                throw new ArgumentException($"AE title '{LogText.Sanitize(aeTitle)}' holds a character outside the default repertoire or a backslash", parameter);
            }
        }
    }
}
