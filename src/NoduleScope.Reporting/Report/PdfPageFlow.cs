using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace NoduleScope.Reporting.Report;

/// <summary>Lays text, tables and images down A4 pages top to bottom, starting a new page when the next block does not
/// fit, with the disclaimer and page number at the foot of every page.</summary>
internal sealed class PdfPageFlow : IDisposable
{
    public const double Margin = 42;
    private const double FooterHeight = 24;

    private readonly PdfDocument document;
    private readonly string footer;
    private readonly XFont footerFont;
    private XGraphics? graphics;
    private PdfPage? page;
    private int pageNumber;

    public PdfPageFlow(PdfDocument document, string footer, XFont footerFont)
    {
        this.document = document;
        this.footer = footer;
        this.footerFont = footerFont;
        NewPage();
    }

    public XGraphics Graphics => graphics!;

    public double Y { get; set; }

    public double Left => Margin;

    public double Width => page!.Width.Point - (2 * Margin);

    private double Bottom => page!.Height.Point - Margin - FooterHeight;

    /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
    public void Reserve(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        pageNumber++;
        Y = Margin;
        double y = page.Height.Point - Margin;
        graphics.DrawLine(new XPen(XColor.FromArgb(200, 208, 216), 0.5), Margin, y - FooterHeight + 6, page.Width.Point - Margin, y - FooterHeight + 6);
        graphics.DrawString(footer, footerFont, XBrushes.DimGray, new XRect(Margin, y - 14, Width, 14), XStringFormats.TopLeft);
        graphics.DrawString($"Page {pageNumber}", footerFont, XBrushes.DimGray, new XRect(Margin, y - 14, Width, 14), XStringFormats.TopRight);
    }

    /// <summary>Draws <paramref name="text"/> wrapped to <paramref name="width"/> at <paramref name="x"/>, from the current line.</summary>
    public void Paragraph(string text, XFont font, XBrush brush, double x, double width, double after = 4)
    {
        double line = font.GetHeight() * 1.15;
        foreach (string l in Wrap(text, font, width))
        {
            Reserve(line);
            Graphics.DrawString(l, font, brush, new XRect(x, Y, width, line), XStringFormats.TopLeft);
            Y += line;
        }

        Y += after;
    }

    /// <summary>Lines of at most <paramref name="width"/> points; words longer than a line are split.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            string current = string.Empty;
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = current.Length == 0 ? word : current + " " + word;
                if (Graphics.MeasureString(candidate, font).Width <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (current.Length > 1 && Graphics.MeasureString(current, font).Width > width)
                {
                    int fit = current.Length - 1;
                    while (fit > 1 && Graphics.MeasureString(current[..fit], font).Width > width)
                    {
                        fit--;
                    }

                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    public void Dispose() => graphics?.Dispose();
}
