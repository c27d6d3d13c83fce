using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NoduleScope.Cli.Reports;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope info PATH [--json]</c>: lists the series of a DICOM input (or describes a NIfTI/MetaImage volume) and
/// says which series would be used and why. Exits 2 when no usable series is found.
/// </summary>
internal static class InfoCommand
{
    public static Command Create(CliSession session)
    {
        var path = new Argument<string>("path") { Description = "DICOM file, folder tree, .zip or DICOMDIR; or a .nii, .nii.gz, .mhd or .mha volume" };
        var json = new Option<bool>("--json") { Description = "Print JSON (described in docs/cli.md) instead of tables" };
        var command = new Command("info", "List the series in an input and which one would be used") { path, json };
        command.SetAction(parseResult => Execute(session, parseResult.GetRequiredValue(path), parseResult.GetValue(json)));
        return command;
    }

    public static int Execute(CliSession session, string path, bool json)
    {
        session.InputPath = path;
        if (VolumeFile.TryDetectFormat(path, out var format) && File.Exists(path))
        {
            return DescribeVolume(session, path, format, json);
        }

        var scan = DicomInput.Scan(session, path);
        if (scan.Series.Count == 0)
        {
            if (json)
            {
                WriteJson(session, new InfoReport(path, scan.FilesSeen, scan.NonDicomSkipped, scan.Errors, [], new SelectionReport(null, "no DICOM image series found"), null));
            }

            DicomInput.RequireSeries(scan, path);
        }

        var selection = SeriesSelector.Select(scan.Series);
        if (json)
        {
            WriteJson(session, BuildReport(path, scan, selection));
        }
        else
        {
            WriteTables(session, path, scan, selection);
        }

        if (selection.Chosen is null)
        {
            throw DicomInput.NoUsableSeries(path, selection);
        }

        return ExitCodes.Ok;
    }

    internal static InfoReport BuildReport(string path, ScanResult scan, SeriesSelection selection)
    {
        var series = new List<SeriesReport>(scan.Series.Count);
        foreach (var s in scan.Series)
        {
            var candidate = FindCandidate(selection, s);
            var g = s.Geometry;
            var first = s.First;
            series.Add(new SeriesReport(
                s.StudyInstanceUid,
                s.SeriesInstanceUid,
                s.SeriesNumber,
                s.SeriesDescription,
                s.Modality,
                first.PatientId,
                first.StudyDate,
                first.StudyDescription,
                s.Instances.Count,
                s.SliceCount,
                first.Rows,
                first.Columns,
                g.Problem is null ? [Round(g.Spacing.X), Round(g.Spacing.Y), Round(g.Spacing.Z)] : null,
                first.SliceThickness,
                s.ConvolutionKernel,
                s.TransferSyntax.Uid,
                s.TransferSyntax.Name,
                candidate?.Score is not null,
                candidate?.Score is { } score ? Math.Round(score, 3) : null,
                candidate?.Note ?? string.Empty,
                g.Problem,
                g.Warnings));
        }

        return new InfoReport(path, scan.FilesSeen, scan.NonDicomSkipped, scan.Errors, series, new SelectionReport(selection.Chosen?.SeriesInstanceUid, selection.Reason), null);
    }

    private static void WriteTables(CliSession session, string path, ScanResult scan, SeriesSelection selection)
    {
        var o = session.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {scan.FilesSeen} file(s), {scan.Series.Count} series{(scan.NonDicomSkipped > 0 ? $", {scan.NonDicomSkipped} not DICOM" : string.Empty)}{(scan.Errors.Count > 0 ? $", {scan.Errors.Count} unreadable" : string.Empty)}"));
        foreach (var study in GroupByStudy(scan.Series))
        {
            var first = study[0].First;
            o.WriteLine();
            o.WriteLine($"Study {DisplayText.Clean(first.StudyInstanceUid)}  patient '{DisplayText.Clean(first.PatientId)}'  date {DisplayText.Clean(first.StudyDate)}  '{DisplayText.Clean(first.StudyDescription)}'");
            SeriesTable(study, selection).Write(session);
        }

        if (scan.Errors.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Unreadable files:");
            const int Shown = 10;
            for (int i = 0; i < Math.Min(Shown, scan.Errors.Count); i++)
            {
                o.WriteLine("  " + DisplayText.Clean(scan.Errors[i]));
            }

            if (scan.Errors.Count > Shown)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {scan.Errors.Count - Shown} more"));
            }
        }

        o.WriteLine();
        o.WriteLine(selection.Chosen is { } chosen
            ? $"Selected: {DicomInput.Describe(chosen, selection.Reason)}"
            : $"Selected: none: {DisplayText.Clean(selection.Reason)}");
    }

    private static TextTable SeriesTable(IReadOnlyList<SeriesInfo> study, SeriesSelection selection)
    {
        var table = new TextTable("No.", "Series UID", "Description", "Modality", "Slices", "Spacing (mm)", "Thickness (mm)", "Kernel", "Transfer syntax", "Warnings");
        foreach (var s in study)
        {
            var g = s.Geometry;
            string number = (s.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "?") + (ReferenceEquals(s, selection.Chosen) ? " *" : string.Empty);
            string spacing = g.Problem is null
                ? DisplayText.Spacing(g.Spacing)
                : s.First.PixelSpacing is { } ps ? $"{DisplayText.Millimetres(ps.Column)} x {DisplayText.Millimetres(ps.Row)} x ?" : "?";
            string thickness = s.First.SliceThickness is { } t ? DisplayText.Millimetres(t) : "?";
            table.AddRow(
                number,
                DisplayText.Clean(s.SeriesInstanceUid),
                Cell(s.SeriesDescription),
                Cell(s.Modality),
                DisplayText.Integer(s.SliceCount),
                spacing,
                thickness,
                Cell(s.ConvolutionKernel),
                ShortName(s.TransferSyntax.Name),
                Cell(Warnings(s, FindCandidate(selection, s))));
        }

        return table;
    }

    private static string Cell(string value)
    {
        string clean = DisplayText.Clean(value);
        return clean.Length == 0 ? "-" : clean;
    }

    /// <summary>Why a series cannot be used (if so) followed by what was noticed while working out its geometry.</summary>
    private static string Warnings(SeriesInfo series, SeriesCandidate? candidate)
    {
        var parts = new List<string>();
        if (candidate is { Score: null })
        {
            parts.Add("not usable: " + candidate.Note);
        }

        parts.AddRange(series.Geometry.Warnings);
        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    /// <summary>"JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])" without the parenthesis.</summary>
    private static string ShortName(string transferSyntaxName)
    {
        int parenthesis = transferSyntaxName.IndexOf(" (", StringComparison.Ordinal);
        return parenthesis > 0 ? transferSyntaxName[..parenthesis] : transferSyntaxName;
    }

    private static int DescribeVolume(CliSession session, string path, VolumeFileFormat format, bool json)
    {
        var volume = session.WithProgress("Reading volume", bar => VolumeFile.Read(path));
        var (min, max) = Range(volume);
        var report = new VolumeReport(
            format.ToString(),
            [volume.SizeX, volume.SizeY, volume.SizeZ],
            Array(volume.Spacing),
            Array(volume.Origin),
            Array(volume.DirectionX),
            Array(volume.DirectionY),
            Array(volume.DirectionZ),
            min,
            max);
        if (json)
        {
            WriteJson(session, new InfoReport(path, 1, 0, [], [], null, report));
            return ExitCodes.Ok;
        }

        var o = session.Out;
        o.WriteLine($"{path}: {DisplayText.VolumeFormat(format)}");
        o.WriteLine($"  size       {DisplayText.Size(volume)} voxels");
        o.WriteLine($"  spacing    {DisplayText.Spacing(volume.Spacing)} mm");
        o.WriteLine($"  origin     {volume.Origin} mm (LPS)");
        o.WriteLine($"  directions x {volume.DirectionX}, y {volume.DirectionY}, z {volume.DirectionZ}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  values     {min} .. {max} HU"));
        return ExitCodes.Ok;
    }

    private static (int Min, int Max) Range(CtVolume volume)
    {
        int min = short.MaxValue, max = short.MinValue;
        foreach (short v in volume.Voxels)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return (min, max);
    }

    private static List<List<SeriesInfo>> GroupByStudy(IReadOnlyList<SeriesInfo> series)
    {
        var studies = new List<List<SeriesInfo>>();
        foreach (var s in series)
        {
            var study = studies.Find(list => list[0].StudyInstanceUid == s.StudyInstanceUid);
            if (study is null)
            {
                studies.Add(study = []);
            }

            study.Add(s);
        }

        return studies;
    }

    private static SeriesCandidate? FindCandidate(SeriesSelection selection, SeriesInfo series)
    {
        foreach (var c in selection.Ranking)
        {
            if (ReferenceEquals(c.Series, series))
            {
                return c;
            }
        }

        return null;
    }

    private static void WriteJson(CliSession session, InfoReport report) =>
        session.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.InfoReport));

    private static double Round(double value) => Math.Round(value, 6);

    private static double[] Array(Vector3D v) => [Round(v.X), Round(v.Y), Round(v.Z)];
}
