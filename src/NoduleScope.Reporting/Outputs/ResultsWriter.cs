using System.Globalization;
using NoduleScope.Dicom;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.KeyImages;
using NoduleScope.Reporting.Report;
using NoduleScope.Reporting.Sr;
using NoduleScope.Reporting.Seg;

namespace NoduleScope.Reporting.Outputs;

/// <summary>
/// Writes the requested result files into one folder: report.html, report.pdf, key-images/nodule-N.png and, for DICOM
/// input, dicom/SR.dcm, dicom/SEG.dcm, dicom/SC-nodule-N.dcm and dicom/PDF.dcm, each DICOM object in a new series of
/// the source study. File names never come from DICOM values; the source files are only read. An output that cannot be
/// made (non-DICOM input, no findings to segment, no font for the PDF) is skipped with a warning; the others are still written.
/// </summary>
public static class ResultsWriter
{
    public const int SegSeriesNumber = 9901;
    public const int SrSeriesNumber = 9902;
    public const int KeyImageSeriesNumber = 9903;
    public const int PdfSeriesNumber = 9904;

    public static WrittenOutputs Write(ReportInputs inputs, string folder, OutputKinds kinds, DateTimeOffset? created = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(folder);
        var when = created ?? DateTimeOffset.Now;
        var files = new List<string>();
        var warnings = new List<string>();
        var d = inputs.Document;
        Directory.CreateDirectory(folder);

        var source = DicomSource(inputs, kinds, warnings);
        var tracking = NoduleTracking.Create(d.Findings.Select(f => f.Id));
        var keyImages = new Dictionary<int, KeyImage>();
        if ((kinds & (OutputKinds.Png | OutputKinds.Sc | OutputKinds.Html | OutputKinds.Pdf | OutputKinds.Epdf)) != 0)
        {
            foreach (var n in d.Findings)
            {
                keyImages[n.Id] = KeyImageRenderer.Render(inputs.Volume, n, inputs.Masks.FirstOrDefault(m => m.FindingId == n.Id));
            }
        }

        if (kinds.HasFlag(OutputKinds.Png))
        {
            string dir = Path.Combine(folder, "key-images");
            Directory.CreateDirectory(dir);
            foreach (var image in keyImages.Values.OrderBy(i => i.FindingId))
            {
                files.Add(Save(Path.Combine(dir, $"nodule-{image.FindingId.ToString(CultureInfo.InvariantCulture)}.png"), image.Png));
            }
        }

        var content = new ReportContent(d, source, inputs.Volume.Source.SeriesDescription, keyImages, when)
        {
            Prior = inputs.Prior is { } prior && (kinds & (OutputKinds.Html | OutputKinds.Pdf | OutputKinds.Epdf)) != 0 ? PriorContent(d, prior) : null,
        };
        if (kinds.HasFlag(OutputKinds.Html))
        {
            string path = Path.Combine(folder, "report.html");
            HtmlReportWriter.Write(content, path);
            files.Add(path);
        }

        byte[]? pdf = null;
        if ((kinds & (OutputKinds.Pdf | OutputKinds.Epdf)) != 0)
        {
            pdf = Pdf(content, warnings);
            if (pdf is not null && kinds.HasFlag(OutputKinds.Pdf))
            {
                files.Add(Save(Path.Combine(folder, "report.pdf"), pdf));
            }
        }

        if (source is not null)
        {
            string dir = Path.Combine(folder, "dicom");
            Directory.CreateDirectory(dir);
            string version = d.Software.Version;
            if (kinds.HasFlag(OutputKinds.Sr))
            {
                var series = new DerivedSeries(DicomUid.Generate(), SrSeriesNumber, "SR", "NoduleScope nodule measurements");
                files.Add(SaveDicom(Path.Combine(dir, "SR.dcm"), MeasurementReportWriter.Build(d, source, series, tracking, when)));
            }

            if (kinds.HasFlag(OutputKinds.Seg))
            {
                if (inputs.Masks.Any(m => d.Findings.Any(f => f.Id == m.FindingId)))
                {
                    var series = new DerivedSeries(DicomUid.Generate(), SegSeriesNumber, "SEG", "NoduleScope nodule segmentation");
                    var masks = inputs.Masks.Where(m => d.Findings.Any(f => f.Id == m.FindingId)).ToList();
                    files.Add(SaveDicom(Path.Combine(dir, "SEG.dcm"), SegmentationWriter.Build(inputs.Volume, d, masks, source, series, tracking, when)));
                }
                else
                {
                    warnings.Add(d.Findings.Count == 0 ? "seg not written: there is no finding to segment" : "seg not written: the findings have no segmentation masks");
                }
            }

            if (kinds.HasFlag(OutputKinds.Sc) && keyImages.Count > 0)
            {
                var series = new DerivedSeries(DicomUid.Generate(), KeyImageSeriesNumber, "OT", "NoduleScope key images");
                int instance = 0;
                foreach (var n in d.Findings)
                {
                    var sc = SecondaryCaptureWriter.Build(keyImages[n.Id], n, inputs.Volume, source, series, ++instance, version, when);
                    files.Add(SaveDicom(Path.Combine(dir, $"SC-nodule-{n.Id.ToString(CultureInfo.InvariantCulture)}.dcm"), sc));
                }
            }

            if (kinds.HasFlag(OutputKinds.Epdf) && pdf is not null)
            {
                var series = new DerivedSeries(DicomUid.Generate(), PdfSeriesNumber, "DOC", "NoduleScope report");
                files.Add(SaveDicom(Path.Combine(dir, "PDF.dcm"), EncapsulatedPdfWriter.Build(pdf, source, series, version, when)));
            }
        }

        return new WrittenOutputs(files, warnings);
    }

    /// <summary>A key image on the prior exam of each current finding paired with a prior nodule.</summary>
    private static PriorReportContent PriorContent(FindingsDocument current, PriorExamInputs prior)
    {
        var images = new Dictionary<int, KeyImage>();
        foreach (var n in current.Findings)
        {
            if (n.Prior is not { } link)
            {
                continue;
            }

            var priorFinding = link.PriorFindingId is { } id ? prior.Document.Findings.FirstOrDefault(f => f.Id == id) : null;
            if (priorFinding is not null)
            {
                images[n.Id] = KeyImageRenderer.Render(prior.Volume, priorFinding with { Id = n.Id }, prior.Masks.FirstOrDefault(m => m.FindingId == priorFinding.Id));
            }
            else if (link.PriorCenterWorld is [double x, double y, double z])
            {
                // Refound on the prior exam (not a prior finding): a circle of its prior size at its prior place.
                var voxel = prior.Volume.WorldToVoxel(new Imaging.Vector3D(x, y, z));
                double diameter = link.PriorMeanDiameterMm ?? n.MeanDiameterMm;
                images[n.Id] = KeyImageRenderer.Render(prior.Volume, n with
                {
                    CenterWorld = [x, y, z],
                    CenterVoxel = [voxel.X, voxel.Y, voxel.Z],
                    MeanDiameterMm = diameter,
                    LongAxisMm = diameter,
                    ShortAxisMm = diameter,
                    VolumeMm3 = link.PriorVolumeMm3 ?? n.VolumeMm3,
                }, null);
            }
        }

        return new PriorReportContent(prior.Document, prior.StudyDate, images);
    }

    /// <summary>The source description for DICOM outputs, or null (with a warning) when they cannot be made.</summary>
    private static SourceStudy? DicomSource(ReportInputs inputs, OutputKinds kinds, List<string> warnings)
    {
        var requested = kinds & OutputKinds.Dicom;
        if (requested == OutputKinds.None)
        {
            return null;
        }

        string names = OutputKindsParser.Format(requested);
        if (inputs.SourceHeader is null)
        {
            warnings.Add($"{names} not written: the input is not DICOM, so there is no patient, study or frame of reference to file DICOM results under");
            return null;
        }

        try
        {
            return SourceStudy.From(inputs.SourceHeader, inputs.Volume);
        }
        catch (ArgumentException e)
        {
            warnings.Add($"{names} not written: {e.Message}");
            return null;
        }
    }

    private static byte[]? Pdf(ReportContent content, List<string> warnings)
    {
        try
        {
            using var stream = new MemoryStream();
            PdfReportWriter.Write(content, stream);
            return stream.ToArray();
        }
        catch (InvalidOperationException e)
        {
            warnings.Add("pdf not written: " + e.Message);
            return null;
        }
    }

    private static string Save(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string SaveDicom(string path, DicomDataset dataset)
    {
        DicomWriter.WriteFile(path, dataset);
        return path;
    }
}
