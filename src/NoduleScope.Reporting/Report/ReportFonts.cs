namespace NoduleScope.Reporting.Report;

/// <summary>
/// The TrueType fonts our images and PDFs draw text with: DejaVu Sans (Debian package fonts-dejavu-core, installed
/// by nodulescope.sh), found in the usual font folders. Text-free output is still possible without them.
/// </summary>
public static class ReportFonts
{
    public const string Package = "fonts-dejavu-core";

    private static readonly string[] Folders =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts",
        "/Library/Fonts",
        .. Environment.GetFolderPath(Environment.SpecialFolder.Fonts) is { Length: > 0 } system ? [system] : Array.Empty<string>(),
    ];

    private static readonly Lazy<string?> RegularPath = new(() => Find("DejaVuSans.ttf"));
    private static readonly Lazy<string?> BoldPath = new(() => Find("DejaVuSans-Bold.ttf"));

    /// <summary>Path of DejaVu Sans, or null when it is not installed.</summary>
    public static string? Regular => RegularPath.Value;

    /// <summary>Path of DejaVu Sans Bold, or null when it is not installed.</summary>
    public static string? Bold => BoldPath.Value;

    private static string? Find(string file)
    {
        string? env = Environment.GetEnvironmentVariable("NODULESCOPE_FONT_DIR");
        foreach (string folder in env is null ? Folders : [env, .. Folders])
        {
            if (string.IsNullOrEmpty(folder))
            {
                continue;
            }

            string path = Path.Combine(folder, file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
