using PdfSharp.Fonts;

namespace NoduleScope.Reporting.Report;

/// <summary>
/// Gives PDFsharp the DejaVu Sans files for every family it asks for: PDFsharp's platform-independent build has no
/// access to system fonts, and Linux has no Arial. Installed once per process by <see cref="EnsureInstalled"/>.
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();

    private readonly string regular;
    private readonly string bold;

    private DejaVuFontResolver(string regular, string bold)
    {
        this.regular = regular;
        this.bold = bold;
    }

    /// <summary>Makes PDFsharp use DejaVu Sans, unless another resolver was installed first.</summary>
    /// <exception cref="InvalidOperationException">DejaVu Sans is not installed.</exception>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not null)
            {
                return;
            }

            string regular = ReportFonts.Regular ?? throw new InvalidOperationException($"the font DejaVu Sans was not found (install the Debian package {ReportFonts.Package})");
            GlobalFontSettings.FontResolver = new DejaVuFontResolver(regular, ReportFonts.Bold ?? regular);
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Italic is simulated by PDFsharp; DejaVu Sans Oblique is not needed.
        new(bold ? BoldFace : RegularFace, false, italic);

    public byte[] GetFont(string faceName) => File.ReadAllBytes(faceName == BoldFace ? bold : regular);
}
