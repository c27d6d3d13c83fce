using System.CommandLine;
using System.Globalization;
using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope evaluate --annotations A --predictions P [--excluded E] [--seriesuids S] [-o DIR]</c>: LUNA16 FROC
/// evaluation of a detector's marks. Prints the FROC table, the CPM with its bootstrap interval and the sensitivity of
/// the size buckets, and writes froc.png, froc.csv, froc_curve.csv and evaluation.json. Unreadable input exits 2.
/// </summary>
internal static class EvaluateCommand
{
    public const string PlotFile = "froc.png";
    public const string TableFile = "froc.csv";
    public const string CurveFile = "froc_curve.csv";
    public const string SummaryFile = "evaluation.json";

    public static Command Create(CliSession session)
    {
        var defaults = new FrocEvaluationOptions();
        var annotations = new Option<string>("--annotations") { Description = "Reference nodules: LUNA16 annotations.csv (seriesuid,coordX,coordY,coordZ,diameter_mm)", Required = true, HelpName = "file" };
        var excluded = new Option<string?>("--excluded") { Description = "Irrelevant findings, whose marks are ignored: LUNA16 annotations_excluded.csv", HelpName = "file" };
        var predictions = new Option<string>("--predictions") { Description = "The detector's marks: seriesuid,coordX,coordY,coordZ,probability (e.g. candidates.csv from detect)", Required = true, HelpName = "file" };
        var seriesUids = new Option<string?>("--seriesuids") { Description = "The scans to evaluate, one series UID a line (default: the series named in the other files)", HelpName = "file" };
        var output = new Option<string?>("--output", "-o") { Description = $"Folder for {PlotFile}, {TableFile}, {CurveFile} and {SummaryFile} (default: the current folder)", HelpName = "dir" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples of the scans for the confidence intervals (0: none)", DefaultValueFactory = _ => defaults.BootstrapSamples, HelpName = "n" };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap", DefaultValueFactory = _ => defaults.Seed, HelpName = "n" };
        var maxMarks = new Option<int>("--max-marks-per-scan") { Description = "Evaluate only the most probable marks of each scan, as LUNA16 does (0: all)", DefaultValueFactory = _ => defaults.MaxCandidatesPerScan, HelpName = "n" };
        var threshold = new Option<double?>("--threshold") { Description = "Also report sensitivity and false positives per scan for the marks scored at or above this probability", HelpName = "p" };
        var command = new Command("evaluate", "LUNA16 FROC evaluation of detections: CPM with bootstrap confidence interval, FROC table and plot")
        {
            annotations, excluded, predictions, seriesUids, output, bootstrap, seed, maxMarks, threshold,
        };
        command.SetAction(parseResult => Execute(
            session,
            parseResult.GetRequiredValue(annotations),
            parseResult.GetValue(excluded),
            parseResult.GetRequiredValue(predictions),
            parseResult.GetValue(seriesUids),
            parseResult.GetValue(output) ?? ".",
            defaults with
            {
                BootstrapSamples = parseResult.GetValue(bootstrap),
                Seed = parseResult.GetValue(seed),
                MaxCandidatesPerScan = parseResult.GetValue(maxMarks),
                OperatingThreshold = parseResult.GetValue(threshold),
            }));
        return command;
    }

    public static int Execute(
        CliSession session,
        string annotationsPath,
        string? excludedPath,
        string predictionsPath,
        string? seriesUidsPath,
        string outputFolder,
        FrocEvaluationOptions options)
    {
        if (options.BootstrapSamples < 0)
        {
            throw new InputProblemException("--bootstrap", "must be 0 or more");
        }

        if (options.MaxCandidatesPerScan < 0)
        {
            throw new InputProblemException("--max-marks-per-scan", "must be 0 (all marks) or more");
        }

        if (options.OperatingThreshold is { } t && !double.IsFinite(t))
        {
            throw new InputProblemException("--threshold", "must be a number");
        }

        var annotations = Read(session, annotationsPath, LunaCsvReader.ReadAnnotations);
        var excluded = excludedPath is null ? [] : Read(session, excludedPath, LunaCsvReader.ReadExcludedAnnotations);
        var predictions = Read(session, predictionsPath, LunaCsvReader.ReadPredictions);
        var seriesUids = seriesUidsPath is null ? null : Read(session, seriesUidsPath, LunaCsvReader.ReadSeriesUids);

        FrocEvaluation evaluation;
        try
        {
            evaluation = new FrocEvaluator(options).Evaluate(annotations, excluded, predictions, seriesUids, session.CancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new InputProblemException(predictionsPath, e.Message);
        }

        WarnAboutScans(session, evaluation);
        FrocTableWriter.WriteText(evaluation, session.Out);

        string folder = outputFolder;
        session.InputPath = folder;
        Directory.CreateDirectory(folder);
        FrocPlotRenderer.SavePng(evaluation, Path.Combine(folder, PlotFile), systemName: Path.GetFileNameWithoutExtension(predictionsPath));
        using (var table = new StreamWriter(Path.Combine(folder, TableFile)))
        {
            FrocTableWriter.WriteCsv(evaluation, table);
        }

        using (var curve = new StreamWriter(Path.Combine(folder, CurveFile)))
        {
            FrocTableWriter.WriteCurveCsv(evaluation.Curve, curve);
        }

        using (var summary = File.Create(Path.Combine(folder, SummaryFile)))
        {
            FrocSummaryJsonWriter.Write(evaluation, summary);
        }

        session.Out.WriteLine();
        session.Out.WriteLine($"Wrote {PlotFile}, {TableFile}, {CurveFile} and {SummaryFile} to {folder}");
        return ExitCodes.Ok;
    }

    private static T Read<T>(CliSession session, string path, Func<string, T> read)
    {
        session.InputPath = path;
        if (Directory.Exists(path))
        {
            throw new InputProblemException(path, "is a folder; expected a CSV file");
        }

        try
        {
            return read(path);
        }
        catch (LunaCsvFormatException e)
        {
            throw new InputProblemException(path, e.LineNumber > 0 ? $"line {e.LineNumber}: {e.Problem}" : e.Problem);
        }
    }

    private static void WarnAboutScans(CliSession session, FrocEvaluation evaluation)
    {
        var counts = evaluation.Counts;
        if (evaluation.ScansInferred)
        {
            ErrorReporter.Warn(session, string.Create(CultureInfo.InvariantCulture, $"no --seriesuids: evaluating the {counts.Scans} series named in the files; scans with neither findings nor marks are missing from the false-positive rate"));
        }

        if (counts.PredictionsOutsideScans > 0)
        {
            ErrorReporter.Warn(session, string.Create(CultureInfo.InvariantCulture, $"{counts.PredictionsOutsideScans} prediction(s) name series that are not in --seriesuids and were ignored"));
        }
    }
}
