using System.CommandLine;
using System.Globalization;
using NoduleScope.Clinical;
using NoduleScope.Detection;
using NoduleScope.Imaging.Series;
using NoduleScope.Pipeline.Processing;
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
        var processor = new StudyProcessor(new StudyProcessorOptions { Threshold = threshold, Outputs = kinds });
        var analysis = session.WithProgress("Detecting nodules", bar =>
            processor.Analyze(volume, warnings, path, patient, purpose, new SynchronousProgress<string>(stage => bar.Describe(stage)), session.CancellationToken));
        var (result, assessment) = (analysis.Detection, analysis.Assessment);

        StudyOutputs written;
        try
        {
            written = session.WithProgress("Writing results", _ => processor.Write(analysis, output));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException or PathTooLongException)
        {
            throw new InputProblemException(output, "cannot write the output: " + e.Message);
        }

        var (resultFiles, resultWarnings) = (written.ResultFiles, written.Warnings);
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

    private static string TypeText(NoduleType type) => type switch { NoduleType.Solid => "solid", NoduleType.PartSolid => "part-solid", _ => "non-solid" };
}
