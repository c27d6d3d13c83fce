using System.Net;
using System.Text;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Reporting.Report;

/// <summary>
/// Writes the report as one self-contained HTML page (styles inline, key images as PNG data URIs, no scripts, nothing
/// fetched): patient and study, summary and guidance, findings table, one card per nodule with its key image and
/// details, input, warnings and software. Every text that comes from the input (DICOM values, paths, warnings) is
/// HTML-escaped.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #1b2430; margin: 0; background: #f4f6f8; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 40px; background: #fff; }
        header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 3px solid #1f4e79; padding-bottom: 8px; }
        h1 { font-size: 26px; margin: 0; color: #1f4e79; }
        h2 { font-size: 19px; color: #1f4e79; margin: 28px 0 10px; border-bottom: 1px solid #d5dde6; padding-bottom: 4px; }
        .brand { color: #5b6b7c; font-size: 14px; }
        .disclaimer { background: #fff4e5; border-left: 5px solid #f0a020; padding: 10px 14px; margin: 16px 0; font-weight: bold; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e8ee; vertical-align: top; }
        th { background: #eef3f8; }
        table.facts th { width: 32%; background: none; font-weight: normal; color: #5b6b7c; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.findings td:first-child { white-space: nowrap; }
        .cards { display: flex; flex-wrap: wrap; gap: 18px; }
        figure.nodule { margin: 0; flex: 1 1 100%; border: 1px solid #d5dde6; border-radius: 6px; padding: 12px; display: flex; gap: 14px; }
        figure.nodule img { width: 280px; height: 280px; border-radius: 4px; background: #000; }
        .pair { display: flex; gap: 8px; }
        .pair figure { margin: 0; text-align: center; font-size: 13px; color: #5b6b7c; }
        .pair img { width: 220px; height: 220px; }
        figcaption { flex: 1; }
        figcaption h3 { margin: 0 0 6px; font-size: 16px; }
        .muted { color: #5b6b7c; }
        details { margin: 6px 0 4px; font-size: 13px; }
        summary { cursor: pointer; color: #1f4e79; }
        ul.warnings li { margin: 4px 0; }
        footer { margin-top: 30px; font-size: 13px; color: #5b6b7c; }
        @media print { main { padding: 0; } table { font-size: 11px; } figure.nodule { break-inside: avoid; } }
        """;

    public static void Write(ReportContent content, string path) => File.WriteAllText(path, Render(content), new UTF8Encoding(false));

    public static string Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var d = content.Document;
        var html = new StringBuilder();
        string patient = ReportFacts.PersonName(content.Source?.PatientName) ?? "unknown patient";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Lung nodule report – ").Append(E(patient)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n");
        html.Append("<header><h1>Lung nodule report</h1><span class=\"brand\">").Append(E($"{d.Software.Name} {d.Software.Version}")).Append("</span></header>\n");
        html.Append("<p class=\"disclaimer\">").Append(E(ReportText.Disclaimer)).Append(" Findings are computer-detected and must be reviewed by a radiologist.</p>\n");

        html.Append("<section id=\"patient\"><h2>Patient and study</h2>\n");
        Facts(html, ReportFacts.Patient(content));
        html.Append("</section>\n");

        html.Append("<section id=\"summary\"><h2>Summary and guidance</h2>\n<p>").Append(E(ReportFacts.Summary(d))).Append("</p>\n");
        Facts(html, ReportFacts.Guidance(d));
        Details(html, "Patient inputs and reasons", ReportFacts.GuidanceInputs(d));
        html.Append("</section>\n");

        html.Append("<section id=\"findings\"><h2>Findings</h2>\n");
        if (d.Findings.Count == 0)
        {
            html.Append("<p>No nodule was found at this threshold.</p>\n");
        }
        else
        {
            FindingsTable(html, d.Findings);
        }

        html.Append("</section>\n");

        if (content.Prior is { } prior)
        {
            Comparison(html, d, prior);
        }

        if (d.Findings.Count > 0)
        {
            html.Append("<section id=\"key-images\"><h2>Key images</h2>\n<p class=\"muted\">Axial lung window (W 1500, L −600). Outline: segmentation; red: long axis; blue: short axis.</p>\n<div class=\"cards\">\n");
            foreach (var n in d.Findings)
            {
                NoduleCard(html, n, content);
            }

            html.Append("</div>\n</section>\n");
        }

        html.Append("<section id=\"input\"><h2>Input</h2>\n");
        Facts(html, ReportFacts.Input(d));
        html.Append("</section>\n");

        html.Append("<section id=\"warnings\"><h2>Warnings</h2>\n");
        if (d.Warnings.Count == 0)
        {
            html.Append("<p class=\"muted\">None.</p>\n");
        }
        else
        {
            html.Append("<ul class=\"warnings\">\n");
            foreach (string w in d.Warnings)
            {
                html.Append("<li>").Append(E(w)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");

        html.Append("<footer>\n");
        Facts(html, ReportFacts.Software(content));
        html.Append("<p>").Append(E(ReportText.Disclaimer)).Append("</p>\n</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void FindingsTable(StringBuilder html, IReadOnlyList<FindingsNodule> findings)
    {
        html.Append("<table class=\"findings\">\n<thead><tr><th>Nodule</th><th>Location</th><th>Long × short axis</th><th>Mean diameter</th><th>Volume</th><th>Mean density</th><th>Type</th><th>Lung-RADS</th><th>Brock</th><th>Detection</th></tr></thead>\n<tbody>\n");
        foreach (var n in findings)
        {
            html.Append("<tr id=\"nodule-").Append(n.Id).Append("\"><td><a href=\"#key-image-").Append(n.Id).Append("\">").Append(E(ReportText.NoduleLabel(n.Id))).Append("</a></td>")
                .Append("<td>").Append(E(ReportText.Location(n))).Append("</td>")
                .Append("<td class=\"num\">").Append(E(ReportText.Axes(n))).Append("</td>")
                .Append("<td class=\"num\">").Append(E(ReportText.MeanDiameter(n))).Append("</td>")
                .Append("<td class=\"num\">").Append(E(ReportText.Volume(n))).Append("</td>")
                .Append("<td class=\"num\">").Append(E(ReportText.MeanHu(n))).Append("</td>")
                .Append("<td>").Append(E(ReportText.Type(n))).Append("</td>")
                .Append("<td>").Append(E(ReportText.LungRads(n))).Append("</td>")
                .Append("<td class=\"num\">").Append(E(ReportText.Brock(n))).Append("</td>")
                .Append("<td class=\"num\">").Append(E(ReportText.Probability(n.Probability))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void NoduleCard(StringBuilder html, FindingsNodule n, ReportContent content)
    {
        string label = ReportText.NoduleLabel(n.Id);
        html.Append("<figure class=\"nodule\" id=\"key-image-").Append(n.Id).Append("\">");
        if (content.Prior?.KeyImages.TryGetValue(n.Id, out var priorImage) == true && content.KeyImages.TryGetValue(n.Id, out var currentImage))
        {
            // Prior and current side by side, each at its own exam's place of the nodule.
            html.Append("<div class=\"pair\"><figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(priorImage.Png)).Append("\" alt=\"").Append(E(label)).Append(" on the prior exam\">")
                .Append("<figcaption>Prior").Append(content.Prior.StudyDate is { } date ? E(" " + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : string.Empty).Append("</figcaption></figure>")
                .Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(currentImage.Png)).Append("\" alt=\"").Append(E(label)).Append(" on this exam\">")
                .Append("<figcaption>Current</figcaption></figure></div>");
        }
        else if (content.KeyImages.TryGetValue(n.Id, out var image))
        {
            html.Append("<img src=\"data:image/png;base64,").Append(Convert.ToBase64String(image.Png)).Append("\" alt=\"").Append(E(label)).Append(" key image\">");
        }

        html.Append("<figcaption><h3>").Append(E(label)).Append("</h3>\n");
        Facts(html, ReportFacts.Nodule(n));
        Details(html, "Inputs and reasons", ReportFacts.NoduleInputs(n));
        html.Append("</figcaption></figure>\n");
    }

    /// <summary>Each current nodule's change since the prior exam, then the prior nodules not found on this exam.</summary>
    private static void Comparison(StringBuilder html, FindingsDocument d, PriorReportContent prior)
    {
        string when = prior.StudyDate is { } date ? " of " + date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        html.Append("<section id=\"comparison\"><h2>Comparison with the prior exam").Append(E(when)).Append("</h2>\n");
        html.Append("<table class=\"comparison\">\n<thead><tr><th>Nodule</th><th>Change</th><th>Mean diameter and volume</th><th>Pairing</th></tr></thead>\n<tbody>\n");
        foreach (var n in d.Findings)
        {
            string status = n.Prior is { } p ? ReportText.ChangeStatus(p.Status) : ReportText.NotAssessed;
            string pairing = n.Prior is { } link ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{link.MatchMethod}, confidence {link.MatchConfidence:0.00}") : string.Empty;
            html.Append("<tr><td>").Append(E(ReportText.NoduleLabel(n.Id))).Append("</td><td>").Append(E(status)).Append("</td><td>")
                .Append(E(ReportText.Change(n))).Append("</td><td>").Append(E(pairing)).Append("</td></tr>\n");
        }

        foreach (var gone in prior.Unpaired(d))
        {
            html.Append("<tr><td>").Append(E("Prior " + ReportText.NoduleLabel(gone.Id))).Append("</td><td>resolved</td><td>")
                .Append(E(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{gone.MeanDiameterMm:0.0} mm on the prior exam, not found on this exam"))).Append("</td><td></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Facts(StringBuilder html, IReadOnlyList<(string Label, string Value)> facts)
    {
        html.Append("<table class=\"facts\">\n");
        foreach (var (label, value) in facts)
        {
            html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>A collapsed list (HTML details, no script) for the reasoning behind a result.</summary>
    private static void Details(StringBuilder html, string title, IReadOnlyList<(string Label, string Value)> facts)
    {
        if (facts.Count == 0)
        {
            return;
        }

        html.Append("<details><summary>").Append(E(title)).Append("</summary>\n");
        Facts(html, facts);
        html.Append("</details>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
