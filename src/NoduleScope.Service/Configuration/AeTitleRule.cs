namespace NoduleScope.Service.Configuration;

/// <summary>PS3.5 Table 6.2-1 for configured AE titles: 1 to 16 characters of the default repertoire, no backslash or control characters.</summary>
internal static class AeTitleRule
{
    public static void Validate(string? aeTitle, string name)
    {
        string trimmed = (aeTitle ?? string.Empty).Trim(' ');
        if (trimmed.Length is 0 or > 16 || trimmed.Any(c => c is < (char)0x20 or > (char)0x7E or '\\'))
        {
            throw new ServiceConfigurationException($"{name} must be 1 to 16 printable ASCII characters without a backslash");
        }
    }
}
