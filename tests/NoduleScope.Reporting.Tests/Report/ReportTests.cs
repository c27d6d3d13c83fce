using System.Text.RegularExpressions;
using NoduleScope.Dicom;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.KeyImages;
using NoduleScope.Reporting.Report;
using NoduleScope.Reporting.Tests.KeyImages;
using NoduleScope.Reporting.Tests.Outputs;
using SkiaSharp;

namespace NoduleScope.Reporting.Tests.Report;

public sealed partial class ReportTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 10, 20, 30, TimeSpan.Zero);

    [Fact]
    public void HtmlIsSelfContainedAndEscapesEveryInputText()
    {
        var study = StudyCase.Phantom.Characterised();
        var header = new DicomDataset(study.Header);
        header.AddString(DicomTags.PatientName, "<script>alert('x')</script>^Eve");
        var document = study.Document with { Warnings = ["series 2 '<b>bold</b>' skipped"] };

        string html = HtmlReportWriter.Render(Content(study with { Header = header, Document = document }));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;, Eve", html, StringComparison.Ordinal);
        Assert.Contains("Chest CT &lt;low dose&gt; &amp; screening", html, StringComparison.Ordinal);
        Assert.Contains("series 2 &#39;&lt;b&gt;bold&lt;/b&gt;&#39; skipped", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains(ReportText.Disclaimer, html, StringComparison.Ordinal);
        Assert.Equal(document.Findings.Count, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        foreach (var f in document.Findings)
        {
            Assert.Contains($"<tr id=\"nodule-{f.Id}\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"key-image-{f.Id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"<td>{f.Characterization!.LungRadsCategory}</td>", html, StringComparison.Ordinal);
        }

        Assert.Contains("Lung-RADS v2022 (exam)</th><td>4A</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlSaysWhatWasNotAssessedBeforeCharacterisation()
    {
        string html = HtmlReportWriter.Render(Content(StudyCase.Phantom));

        Assert.Contains("not assessed: the findings have not been characterised", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Lung-RADS v2022 (exam)", html, StringComparison.Ordinal);
        Assert.Contains("<td>not assessed</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadlessChromiumRendersEveryNodule()
    {
        string chromium = ExternalTool.Require("chromium", "chromium");
        string pdftotext = ExternalTool.Require("pdftotext", "poppler-utils");
        var study = StudyCase.Phantom.Characterised();
        using var temp = new TempFolder();
        string html = temp["report.html"];
        HtmlReportWriter.Write(Content(study), html);
        string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + temp["profile"]];

        var (_, _, shotLog) = ExternalTool.Run(chromium, [.. common, "--window-size=1200,2600", "--screenshot=" + temp["shot.png"], new Uri(html).AbsoluteUri]);
        var (_, _, printLog) = ExternalTool.Run(chromium, [.. common, "--no-pdf-header-footer", "--print-to-pdf=" + temp["printed.pdf"], new Uri(html).AbsoluteUri]);

        Assert.True(File.Exists(temp["shot.png"]), "chromium wrote no screenshot: " + shotLog);
        using var shot = SKBitmap.Decode(temp["shot.png"]);
        Assert.Equal(1200, shot.Width);
        // The key images' outlines are the only amber in the page.
        Assert.True(KeyImageTests.Count(shot, KeyImageRenderer.OutlineColor) > 10 * study.Document.Findings.Count, "the key images are not on the screenshot");
        Assert.True(File.Exists(temp["printed.pdf"]), "chromium printed no PDF: " + printLog);
        string text = ExternalTool.Run(pdftotext, temp["printed.pdf"], "-").Stdout;
        foreach (var f in study.Document.Findings)
        {
            Assert.Equal(2, Regex.Matches(text, $@"\bNodule {f.Id}\b").Count); // table row and card title
            Assert.Contains(ReportText.Axes(f), text, StringComparison.Ordinal);
        }

        Assert.Contains(ReportText.Disclaimer, text, StringComparison.Ordinal);
    }

    [Fact]
    public void PdfShowsEveryNoduleWithItsKeyImage()
    {
        string pdftotext = ExternalTool.Require("pdftotext", "poppler-utils");
        string pdftoppm = ExternalTool.Require("pdftoppm", "poppler-utils");
        string pdfimages = ExternalTool.Require("pdfimages", "poppler-utils");
        var study = StudyCase.Phantom.Characterised();
        using var temp = new TempFolder();
        string pdf = temp["report.pdf"];

        PdfReportWriter.Write(Content(study), pdf);

        string text = ExternalTool.Run(pdftotext, pdf, "-").Stdout;
        Assert.Contains("Lung nodule report", text, StringComparison.Ordinal);
        Assert.Contains("Müller, Zoë", text, StringComparison.Ordinal);
        Assert.Contains("Chest CT <low dose> & screening", text, StringComparison.Ordinal);
        Assert.Contains(ReportText.Disclaimer, text, StringComparison.Ordinal);
        foreach (var f in study.Document.Findings)
        {
            Assert.True(Regex.Matches(text, $@"\bNodule {f.Id}\b").Count >= 2, $"Nodule {f.Id} is not in the findings table and its card");
            Assert.Contains(ReportText.Axes(f), text, StringComparison.Ordinal);
        }

        string list = ExternalTool.Run(pdfimages, "-list", pdf).Stdout;
        Assert.Equal(study.Document.Findings.Count, list.Split('\n').Count(l => Regex.IsMatch(l, @"^\s*\d+\s+\d+\s+image\s+320\s+320\b")));

        var (exit, _, log) = ExternalTool.Run(pdftoppm, "-r", "50", "-png", pdf, temp["page"]);
        Assert.True(exit == 0, "pdftoppm failed: " + log);
        var pages = Directory.GetFiles(temp.Path, "page*.png").Order().ToList();
        Assert.NotEmpty(pages);
        int amber = 0;
        foreach (string page in pages)
        {
            using var bitmap = SKBitmap.Decode(page);
            Assert.True(bitmap.Pixels.Select(p => p.Red).Distinct().Count() > 20, $"{Path.GetFileName(page)} is blank");
            amber += KeyImageTests.Count(bitmap, KeyImageRenderer.OutlineColor);
        }

        Assert.True(amber > 0, "no key image outline is visible on the rendered pages");
    }

    [Fact]
    public void NonDicomInputReportsWithoutPatient()
    {
        var study = StudyCase.Phantom;
        var content = new ReportContent(study.Document, null, null, new Dictionary<int, KeyImage>(), Created);

        string html = HtmlReportWriter.Render(content);
        using var pdf = new MemoryStream();
        PdfReportWriter.Write(content, pdf);

        Assert.Contains("not available: the input is not DICOM", html, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf.ToArray(), 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public void EncapsulatedPdfPassesDciodvfyAndHoldsThePdf()
    {
        var study = StudyCase.Phantom;
        using var stream = new MemoryStream();
        PdfReportWriter.Write(Content(study), stream);
        byte[] pdf = stream.ToArray();
        using var temp = new TempFolder();
        string path = temp["pdf.dcm"];

        DicomWriter.WriteFile(path, EncapsulatedPdfWriter.Build(pdf, study.Source, new DerivedSeries(DicomUid.Generate(), 9904, "DOC", "NoduleScope report"), "0.1.0", Created));

        ExternalTool.AssertValidDicom(path);
        var stored = DicomFile.Open(path).Dataset.GetElement(DicomTags.EncapsulatedDocument)!.Data.ToArray();
        Assert.Equal(pdf, stored.AsSpan(0, pdf.Length).ToArray());
    }

    private static ReportContent Content(StudyCase study)
    {
        var images = study.Document.Findings.ToDictionary(f => f.Id, f => KeyImageRenderer.Render(study.Volume, f, study.Masks.Single(m => m.FindingId == f.Id)));
        return new ReportContent(study.Document, SourceStudy.From(study.Header, study.Volume), study.Volume.Source.SeriesDescription, images, Created);
    }

    [GeneratedRegex("(src|href)=\"(https?:|//)|<link|@import|url\\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
