using PdfSharp.Drawing;

namespace NoduleScope.Reporting.Report;

/// <summary>The fonts of the PDF report, all DejaVu Sans.</summary>
internal sealed class PdfFonts
{
    public XFont Title { get; } = new(DejaVuFontResolver.Family, 20, XFontStyleEx.Bold);

    public XFont Heading { get; } = new(DejaVuFontResolver.Family, 13, XFontStyleEx.Bold);

    public XFont Subheading { get; } = new(DejaVuFontResolver.Family, 11, XFontStyleEx.Bold);

    public XFont Body { get; } = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Regular);

    public XFont Bold { get; } = new(DejaVuFontResolver.Family, 9.5, XFontStyleEx.Bold);

    public XFont Small { get; } = new(DejaVuFontResolver.Family, 8, XFontStyleEx.Regular);

    public XFont Table { get; } = new(DejaVuFontResolver.Family, 7.5, XFontStyleEx.Regular);

    public XFont TableBold { get; } = new(DejaVuFontResolver.Family, 7.5, XFontStyleEx.Bold);
}
