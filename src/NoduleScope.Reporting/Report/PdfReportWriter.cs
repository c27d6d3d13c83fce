using NoduleScope.Reporting.Findings;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace NoduleScope.Reporting.Report;

/// <summary>
/// Writes the report as an A4 PDF with PDFsharp: the same sections as the HTML report (patient and study, summary and
/// guidance, findings table, a key image with details per nodule, input, warnings, software), the disclaimer at the
/// top and at the foot of every page. Text is DejaVu Sans (see <see cref="ReportFonts"/>).
/// </summary>
public static class PdfReportWriter
{
    private static readonly XColor Accent = XColor.FromArgb(31, 78, 121);
    private static readonly XColor Muted = XColor.FromArgb(91, 107, 124);
    private static readonly XColor Rule = XColor.FromArgb(213, 221, 230);

    /// <exception cref="InvalidOperationException">The font DejaVu Sans is not installed.</exception>
    public static void Write(ReportContent content, string path)
    {
        using var stream = File.Create(path);
        Write(content, stream);
    }

    /// <exception cref="InvalidOperationException">The font DejaVu Sans is not installed.</exception>
    public static void Write(ReportContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        DejaVuFontResolver.EnsureInstalled();
        var d = content.Document;
        using var document = new PdfDocument();
        document.Info.Title = "Lung nodule report";
        document.Info.Creator = $"{d.Software.Name} {d.Software.Version}";
        var fonts = new PdfFonts();
        using (var flow = new PdfPageFlow(document, ReportText.Disclaimer, fonts.Small))
        {
            Header(flow, fonts, d);
            Section(flow, fonts, "Patient and study");
            Facts(flow, fonts, ReportFacts.Patient(content));
            Section(flow, fonts, "Summary and guidance");
            flow.Paragraph(ReportFacts.Summary(d), fonts.Body, XBrushes.Black, flow.Left, flow.Width);
            Facts(flow, fonts, ReportFacts.Guidance(d));
            Facts(flow, fonts, ReportFacts.GuidanceInputs(d), font: fonts.Small);
            Section(flow, fonts, "Findings");
            if (d.Findings.Count == 0)
            {
                flow.Paragraph("No nodule was found at this threshold.", fonts.Body, XBrushes.Black, flow.Left, flow.Width);
            }
            else
            {
                FindingsTable(flow, fonts, d.Findings);
                Section(flow, fonts, "Key images");
                flow.Paragraph("Axial lung window (W 1500, L −600). Outline: segmentation; red: long axis; blue: short axis.", fonts.Small, new XSolidBrush(Muted), flow.Left, flow.Width);
                foreach (var n in d.Findings)
                {
                    NoduleBlock(flow, fonts, n, content);
                }
            }

            Section(flow, fonts, "Input");
            Facts(flow, fonts, ReportFacts.Input(d));
            Section(flow, fonts, "Warnings");
            if (d.Warnings.Count == 0)
            {
                flow.Paragraph("None.", fonts.Body, new XSolidBrush(Muted), flow.Left, flow.Width);
            }

            foreach (string w in d.Warnings)
            {
                flow.Paragraph("• " + w, fonts.Body, XBrushes.Black, flow.Left, flow.Width, after: 2);
            }

            Section(flow, fonts, "Software");
            Facts(flow, fonts, ReportFacts.Software(content));
        }

        document.Save(output, closeStream: false);
    }

    private static void Header(PdfPageFlow flow, PdfFonts fonts, FindingsDocument d)
    {
        var g = flow.Graphics;
        g.DrawString("Lung nodule report", fonts.Title, new XSolidBrush(Accent), new XRect(flow.Left, flow.Y, flow.Width, 26), XStringFormats.TopLeft);
        g.DrawString($"{d.Software.Name} {d.Software.Version}", fonts.Body, new XSolidBrush(Muted), new XRect(flow.Left, flow.Y + 8, flow.Width, 16), XStringFormats.TopRight);
        flow.Y += 30;
        g.DrawRectangle(new XSolidBrush(Accent), flow.Left, flow.Y, flow.Width, 2);
        flow.Y += 10;
        var lines = flow.Wrap(ReportText.Disclaimer + " Findings are computer-detected and must be reviewed by a radiologist.", fonts.Bold, flow.Width - 16);
        double height = (lines.Count * fonts.Bold.GetHeight() * 1.15) + 12;
        g.DrawRectangle(new XSolidBrush(XColor.FromArgb(255, 244, 229)), flow.Left, flow.Y, flow.Width, height);
        g.DrawRectangle(new XSolidBrush(XColor.FromArgb(240, 160, 32)), flow.Left, flow.Y, 4, height);
        flow.Y += 6;
        flow.Paragraph(string.Join(" ", lines), fonts.Bold, XBrushes.Black, flow.Left + 12, flow.Width - 16, after: 0);
        flow.Y += 10;
    }

    private static void Section(PdfPageFlow flow, PdfFonts fonts, string title)
    {
        flow.Reserve(60);
        flow.Y += 8;
        flow.Graphics.DrawString(title, fonts.Heading, new XSolidBrush(Accent), new XRect(flow.Left, flow.Y, flow.Width, 18), XStringFormats.TopLeft);
        flow.Y += 18;
        flow.Graphics.DrawLine(new XPen(Rule, 0.75), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
        flow.Y += 6;
    }

    private static void Facts(PdfPageFlow flow, PdfFonts fonts, IReadOnlyList<(string Label, string Value)> facts, double? left = null, double? width = null, XFont? font = null)
    {
        double x = left ?? flow.Left, w = width ?? flow.Width;
        font ??= fonts.Body;
        double labelWidth = Math.Min(150, w * 0.38);
        double line = font.GetHeight() * 1.15;
        var muted = new XSolidBrush(Muted);
        foreach (var (label, value) in facts)
        {
            var lines = flow.Wrap(value, font, w - labelWidth - 6);
            flow.Reserve(line * lines.Count);
            flow.Graphics.DrawString(label, font, muted, new XRect(x, flow.Y, labelWidth, line), XStringFormats.TopLeft);
            foreach (string l in lines)
            {
                flow.Graphics.DrawString(l, font, XBrushes.Black, new XRect(x + labelWidth + 6, flow.Y, w - labelWidth - 6, line), XStringFormats.TopLeft);
                flow.Y += line;
            }

            flow.Y += 1.5;
        }

        flow.Y += 4;
    }

    private static void FindingsTable(PdfPageFlow flow, PdfFonts fonts, IReadOnlyList<FindingsNodule> findings)
    {
        string[] headers = ["Nodule", "Location", "Long × short", "Mean Ø", "Volume", "Density", "Type", "Lung-RADS", "Brock", "Detection"];
        double[] share = [0.09, 0.15, 0.14, 0.08, 0.09, 0.08, 0.09, 0.10, 0.08, 0.10];
        double[] widths = share.Select(s => s * flow.Width).ToArray();
        double line = fonts.Table.GetHeight() * 1.2;
        void Row(string[] cells, XFont font, XBrush? background)
        {
            var wrapped = cells.Select((c, i) => flow.Wrap(c, font, widths[i] - 4)).ToList();
            double height = (wrapped.Max(w => w.Count) * line) + 4;
            flow.Reserve(height);
            if (background is not null)
            {
                flow.Graphics.DrawRectangle(background, flow.Left, flow.Y, flow.Width, height);
            }

            double x = flow.Left;
            for (int i = 0; i < cells.Length; i++)
            {
                for (int l = 0; l < wrapped[i].Count; l++)
                {
                    flow.Graphics.DrawString(wrapped[i][l], font, XBrushes.Black, new XRect(x + 2, flow.Y + 2 + (l * line), widths[i] - 4, line), XStringFormats.TopLeft);
                }

                x += widths[i];
            }

            flow.Y += height;
            flow.Graphics.DrawLine(new XPen(Rule, 0.5), flow.Left, flow.Y, flow.Left + flow.Width, flow.Y);
        }

        Row(headers, fonts.TableBold, new XSolidBrush(XColor.FromArgb(238, 243, 248)));
        foreach (var n in findings)
        {
            Row([ReportText.NoduleLabel(n.Id), ReportText.Location(n), ReportText.Axes(n), ReportText.MeanDiameter(n), ReportText.Volume(n), ReportText.MeanHu(n), ReportText.Type(n), ReportText.LungRads(n), ReportText.Brock(n), ReportText.Probability(n.Probability)], fonts.Table, null);
        }

        flow.Y += 6;
    }

    private static void NoduleBlock(PdfPageFlow flow, PdfFonts fonts, FindingsNodule n, ReportContent content)
    {
        const double ImageSize = 170;
        var facts = ReportFacts.Nodule(n).Concat(ReportFacts.NoduleInputs(n)).ToList();
        double textLeft = flow.Left + ImageSize + 14, textWidth = flow.Width - ImageSize - 14;
        double estimated = 20 + (facts.Count * fonts.Small.GetHeight() * 1.3);
        flow.Reserve(Math.Max(ImageSize, estimated) + 12);
        double top = flow.Y;
        flow.Graphics.DrawString(ReportText.NoduleLabel(n.Id), fonts.Subheading, XBrushes.Black, new XRect(textLeft, top, textWidth, 16), XStringFormats.TopLeft);
        if (content.KeyImages.TryGetValue(n.Id, out var keyImage))
        {
            using var stream = new MemoryStream(keyImage.Png);
            using var image = XImage.FromStream(stream);
            flow.Graphics.DrawImage(image, flow.Left, top, ImageSize, ImageSize);
        }

        flow.Y = top + 18;
        Facts(flow, fonts, facts, textLeft, textWidth, fonts.Small);
        flow.Y = Math.Max(flow.Y, top + ImageSize) + 12;
    }
}
