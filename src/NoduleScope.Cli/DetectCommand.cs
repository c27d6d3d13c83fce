using System.CommandLine;
using System.Globalization;
using NoduleScope.Detection;
using NoduleScope.Imaging.Series;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope detect PATH -o DIR [--threshold t] [--series UID]</c>: finds nodules and writes findings.json
/// (docs/findings-schema.md) and candidates.csv (every scored candidate, LUNA16 form, for FROC evaluation).
/// </summary>
internal static class DetectCommand
{
    public static Command Create(CliSession session)
    {
        var path = new Argument<string>("path") { Description = "DICOM file, folder tree, .zip or DICOMDIR; or a .nii, .nii.gz, .mhd or .mha volume" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder for findings.json and candidates.csv", Required = true, HelpName = "dir" };
        var threshold = new Option<double>("--threshold") { Description = "Probability from which a candidate is reported (operating point)", DefaultValueFactory = _ => new NoduleDetectorOptions().Threshold };
        var series = new Option<string?>("--series") { Description = "SeriesInstanceUID to analyse instead of the automatically selected series", HelpName = "uid" };
        var command = new Command("detect", "Find and measure lung nodules (interim scorer: see README)") { path, output, threshold, series };
        command.SetAction(parseResult => Execute(session, parseResult.GetRequiredValue(path), parseResult.GetRequiredValue(output), parseResult.GetValue(threshold), parseResult.GetValue(series)));
        return command;
    }

    public static int Execute(CliSession session, string path, string output, double threshold, string? seriesUid)
    {
        session.InputPath = path;
        if (threshold is < 0 or > 1 || double.IsNaN(threshold))
        {
            throw new InputProblemException(path, "--threshold must be between 0 and 1");
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

        try
        {
            Directory.CreateDirectory(output);
            string version = typeof(DetectCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var document = FindingsDocumentBuilder.Build(volume, result, threshold, path, version) with { Warnings = [.. warnings, .. result.Warnings] };
            FindingsJson.Write(document, Path.Combine(output, "findings.json"));
            using var csv = new StreamWriter(Path.Combine(output, "candidates.csv"));
            Luna16CandidatesWriter.Write(csv, volume.Source.SeriesInstanceUid ?? Path.GetFileNameWithoutExtension(path), result.Candidates);
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
        }

        foreach (string warning in warnings.Concat(result.Warnings))
        {
            session.Out.WriteLine("warning: " + DisplayText.Clean(warning));
        }

        session.Out.WriteLine($"Wrote {Path.Combine(output, "findings.json")} and {Path.Combine(output, "candidates.csv")}");
        return ExitCodes.Ok;
    }
}
