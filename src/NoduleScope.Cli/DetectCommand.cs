using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using NoduleScope.Clinical;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope detect PATH -o DIR [--threshold t] [--series UID] [--outputs LIST]</c>: finds nodules and writes
/// findings.json (docs/findings-schema.md), candidates.csv (every scored candidate, LUNA16 form, for FROC evaluation)
/// and the result files of <c>--outputs</c> (docs/outputs.md): DICOM SR, SEG, key images, Encapsulated PDF, HTML and
/// PDF report.
/// </summary>
internal static class DetectCommand
{
    public static Command Create(CliSession session)
    {
        var path = new Argument<string>("path") { Description = "DICOM file, folder tree, .zip or DICOMDIR; or a .nii, .nii.gz, .mhd or .mha volume" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder for findings.json and candidates.csv", Required = true, HelpName = "dir" };
        var threshold = new Option<double>("--threshold") { Description = "Probability from which a candidate is reported (operating point)", DefaultValueFactory = _ => new NoduleDetectorOptions().Threshold };
        var series = new Option<string?>("--series") { Description = "SeriesInstanceUID to analyse instead of the automatically selected series", HelpName = "uid" };
        var outputs = new Option<string>("--outputs") { Description = $"Result files besides findings.json and candidates.csv, comma separated ({OutputKindsParser.Accepted})", DefaultValueFactory = _ => OutputKindsParser.Default, HelpName = "list" };
        var patient = new PatientOptions();
        var command = new Command("detect", "Find, measure and characterise lung nodules; Lung-RADS, Fleischner and Brock per nodule") { path, output, threshold, series, outputs };
        foreach (var option in patient.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => Execute(session, parseResult.GetRequiredValue(path), parseResult.GetRequiredValue(output), parseResult.GetValue(threshold), parseResult.GetValue(series),
            patient.Patient(parseResult), patient.ExamPurpose(parseResult), parseResult.GetValue(outputs)));
        return command;
    }

    /// <param name="outputs">The <c>--outputs</c> list; null for the default (all of them).</param>
    public static int Execute(CliSession session, string path, string output, double threshold, string? seriesUid, PatientContext? patient = null, ExamPurpose purpose = ExamPurpose.Unknown, string? outputs = null)
    {
        session.InputPath = path;
        if (threshold is < 0 or > 1 || double.IsNaN(threshold))
        {
            throw new InputProblemException(path, "--threshold must be between 0 and 1");
        }

        OutputKinds kinds;
        try
        {
            kinds = OutputKindsParser.Parse(outputs ?? OutputKindsParser.Default);
        }
        catch (FormatException e)
        {
            throw new InputProblemException(path, "--outputs: " + e.Message);
        }

        var (volume, warnings) = VolumeInput.Load(session, path, seriesUid, new AssemblyOptions { PaddingToAir = true });
        foreach (ref short v in volume.Voxels.AsSpan())
        {
            // Volume files keep their padding (−2048, −3024): outside the body it is air.
            v = Math.Max(v, (short)-1024);
        }

        var detector = new NoduleDetector(new NoduleDetectorOptions { Threshold = threshold });
        var result = session.WithProgress("Detecting nodules", bar =>
            detector.Detect(volume, new SynchronousProgress<string>(stage => bar.Describe(stage)), session.CancellationToken));
        var assessment = new ExamCharacterizer().Assess(volume, result, ExamCharacterizer.PatientFrom(volume.Source, patient ?? PatientContext.Unknown), purpose);

        var resultFiles = new List<string>();
        var resultWarnings = new List<string>();
        try
        {
            Directory.CreateDirectory(output);
            string version = typeof(DetectCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var document = FindingsDocumentBuilder.Build(volume, result, threshold, path, version, assessment) with { Warnings = [.. warnings, .. result.Warnings] };
            FindingsJson.Write(document, Path.Combine(output, "findings.json"));
            using var csv = new StreamWriter(Path.Combine(output, "candidates.csv"));
            Luna16CandidatesWriter.Write(csv, volume.Source.SeriesInstanceUid ?? Path.GetFileNameWithoutExtension(path), result.Candidates);
            if (kinds != OutputKinds.None)
            {
                var header = (kinds & OutputKinds.Dicom) != 0 ? SourceHeader(volume, resultWarnings) : null;
                var inputs = new ReportInputs { Document = document, Volume = volume, Masks = NoduleMask.From(result), SourceHeader = header };
                var written = session.WithProgress("Writing results", _ => ResultsWriter.Write(inputs, output, kinds));
                resultFiles.AddRange(written.Files);
                resultWarnings.AddRange(written.Warnings);
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException or PathTooLongException)
        {
            throw new InputProblemException(output, "cannot write the output: " + e.Message);
        }

        session.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Findings.Count} finding(s) at threshold {threshold:0.###} from {result.Candidates.Count} candidates; lungs {result.Lungs.RightVolumeMl:0} mL right, {result.Lungs.LeftVolumeMl:0} mL left"));
        foreach (var f in result.Findings)
        {
            var m = f.Measurement;
            session.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  #{f.Id} p={f.Probability:0.00} at ({f.Center.X:0.0}, {f.Center.Y:0.0}, {f.Center.Z:0.0}) mm: {m.LongAxisMm:0.0} x {m.ShortAxisMm:0.0} mm (mean {m.MeanDiameterMm:0.0}), {m.VolumeMm3:0} mm³, {m.MeanHu:0} HU"));
            var a = assessment.Nodules[f.Id - 1];
            session.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"     {TypeText(a.Characterization.Type)}{(a.Characterization.Calcified ? ", calcified" : string.Empty)}{(a.Characterization.Location?.Lobe is { } lobe ? ", " + lobe + " lobe" : string.Empty)}; Lung-RADS {a.LungRads.CategoryLabel}; Brock {a.Brock.Probability * 100:0.0} %"));
        }

        session.Out.WriteLine($"Exam: Lung-RADS {assessment.LungRads.CategoryLabel} — {assessment.LungRads.Management}");

        foreach (string warning in warnings.Concat(result.Warnings))
        {
            session.Out.WriteLine("warning: " + DisplayText.Clean(warning));
        }

        foreach (string warning in resultWarnings)
        {
            session.Out.WriteLine("warning: " + DisplayText.Clean(warning));
        }

        session.Out.WriteLine($"Wrote {Path.Combine(output, "findings.json")} and {Path.Combine(output, "candidates.csv")}");
        if (resultFiles.Count > 0)
        {
            session.Out.WriteLine($"Wrote {resultFiles.Count} result file(s) to {output}: {string.Join(", ", resultFiles.Select(f => Path.GetRelativePath(output, f)))}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The header of one instance of the analysed series, whose patient and study the DICOM results are filed under;
    /// null for volume files, or with a warning when it cannot be read. The instance is only read.
    /// </summary>
    private static DicomDataset? SourceHeader(CtVolume volume, List<string> warnings)
    {
        if (volume.Source.SopInstanceUids.Count == 0 || volume.Source.Path is not { } path)
        {
            return null;
        }

        var headerOnly = DicomReadOptions.Default with { ReadPixelData = false };
        try
        {
            if (!IsZip(path))
            {
                return DicomFile.Open(path, headerOnly).Dataset;
            }

            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries.Where(e => e.Length > 0))
            {
                try
                {
                    var dataset = new InstanceSource(path, entry.FullName).Read(headerOnly).Dataset;
                    if (dataset.GetString(DicomTags.SeriesInstanceUID) == volume.Source.SeriesInstanceUid)
                    {
                        return dataset;
                    }
                }
                catch (DicomException)
                {
                    // Not a DICOM entry (README, DICOMDIR of another layout, ...): look further.
                }
            }
        }
        catch (Exception e) when (e is DicomException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            warnings.Add($"the source instance {path} could not be read again for the DICOM results: {e.Message}");
            return null;
        }

        warnings.Add($"no instance of series {volume.Source.SeriesInstanceUid} found again in {path} for the DICOM results");
        return null;
    }

    private static bool IsZip(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(magic) == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4;
    }

    private static string TypeText(NoduleType type) => type switch { NoduleType.Solid => "solid", NoduleType.PartSolid => "part-solid", _ => "non-solid" };
}
