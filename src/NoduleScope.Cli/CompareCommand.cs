using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NoduleScope.Clinical;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Detection;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope compare PRIOR CURRENT -o DIR [--prior-date d --current-date d] [--pairs pairs.json]
/// [--prior-findings f --current-findings f]</c>: detects nodules on both exams (or reads them from findings.json),
/// registers the prior CT to the current one, pairs the nodules and reports their change with the follow-up guidance:
/// comparison.json (docs/comparison.md), the current exam's findings.json with a prior link per finding, and
/// prior-findings.json.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliSession session)
    {
        var prior = new Argument<string>("prior") { Description = "The prior exam: DICOM file, folder tree, .zip or DICOMDIR; or a .nii, .nii.gz, .mhd or .mha volume" };
        var current = new Argument<string>("current") { Description = "The current exam, in the same forms" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder for comparison.json, findings.json and prior-findings.json", Required = true, HelpName = "dir" };
        var priorDate = new Option<string?>("--prior-date") { Description = "Study date of the prior exam, YYYYMMDD (default: DICOM StudyDate)", HelpName = "date" };
        var currentDate = new Option<string?>("--current-date") { Description = "Study date of the current exam, YYYYMMDD (default: DICOM StudyDate)", HelpName = "date" };
        var pairs = new Option<string?>("--pairs") { Description = "JSON file of pairings that override the automatic ones (docs/comparison.md)", HelpName = "file" };
        var priorFindings = new Option<string?>("--prior-findings") { Description = "Read the prior exam's nodules from this findings.json instead of detecting them", HelpName = "file" };
        var currentFindings = new Option<string?>("--current-findings") { Description = "Read the current exam's nodules from this findings.json instead of detecting them", HelpName = "file" };
        var threshold = new Option<double>("--threshold") { Description = "Probability from which a candidate is reported (operating point)", DefaultValueFactory = _ => new NoduleDetectorOptions().Threshold };
        var patient = new PatientOptions();
        var command = new Command("compare", "Compare with a prior exam: register, pair nodules, growth, volume doubling time, follow-up Lung-RADS and Fleischner")
        {
            prior, current, output, priorDate, currentDate, pairs, priorFindings, currentFindings, threshold,
        };
        foreach (var option in patient.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => Execute(session, new CompareRequest
        {
            PriorPath = parseResult.GetRequiredValue(prior),
            CurrentPath = parseResult.GetRequiredValue(current),
            Output = parseResult.GetRequiredValue(output),
            PriorDate = parseResult.GetValue(priorDate),
            CurrentDate = parseResult.GetValue(currentDate),
            PairsPath = parseResult.GetValue(pairs),
            PriorFindingsPath = parseResult.GetValue(priorFindings),
            CurrentFindingsPath = parseResult.GetValue(currentFindings),
            Threshold = parseResult.GetValue(threshold),
            Patient = patient.Patient(parseResult),
            Purpose = patient.ExamPurpose(parseResult),
        }));
        return command;
    }

    public static int Execute(CliSession session, CompareRequest request)
    {
        if (request.Threshold is < 0 or > 1 || double.IsNaN(request.Threshold))
        {
            throw new InputProblemException(request.CurrentPath, "--threshold must be between 0 and 1");
        }

        // Cheap checks first, so a wrong date or pairs file fails before minutes of detection.
        DateOnly? priorDate = ParseDate(request.PriorDate, "--prior-date");
        DateOnly? currentDate = ParseDate(request.CurrentDate, "--current-date");
        var overrides = request.PairsPath is null ? [] : ReadPairs(request.PairsPath);
        foreach (string? file in (string?[])[request.PriorFindingsPath, request.CurrentFindingsPath])
        {
            if (file is not null && !File.Exists(file))
            {
                throw new InputProblemException(file, "no such file");
            }
        }

        var warnings = new List<string>();
        var priorInput = LoadInput(session, "prior", request.PriorPath, priorDate, warnings);
        var currentInput = LoadInput(session, "current", request.CurrentPath, currentDate, warnings);
        if (currentInput.Date <= priorInput.Date)
        {
            throw new InputProblemException(request.CurrentPath, $"the current exam ({currentInput.Date:yyyy-MM-dd}) must be later than the prior exam ({priorInput.Date:yyyy-MM-dd})");
        }

        // Both exams at once: parts of detection (the lungs) run on one core, so two detections overlap well.
        DetectionResult? priorDetection = null, currentDetection = null;
        var detectionWarnings = new List<string>[] { [], [] };
        session.WithProgress(request.PriorFindingsPath is null || request.CurrentFindingsPath is null ? "Detecting nodules (prior and current)" : "Reading the findings", bar =>
        {
            Parallel.Invoke(
                () => priorDetection = Detect(session, "prior", priorInput.Volume, request.PriorFindingsPath, request.Threshold, detectionWarnings[0], bar),
                () => currentDetection = Detect(session, "current", currentInput.Volume, request.CurrentFindingsPath, request.Threshold, detectionWarnings[1], bar));
            return 0;
        });
        warnings.AddRange(detectionWarnings[0]);
        warnings.AddRange(detectionWarnings[1]);
        var priorExam = new ComparisonExam(priorInput.Volume, priorDetection!, priorInput.Date);
        var currentExam = new ComparisonExam(currentInput.Volume, currentDetection!, currentInput.Date);
        if (currentExam.Volume.Source.PatientId is { Length: > 0 } currentPatient && priorExam.Volume.Source.PatientId is { Length: > 0 } priorPatient && currentPatient != priorPatient)
        {
            warnings.Add($"the exams have different PatientIDs ('{priorPatient}' and '{currentPatient}'): check they are of the same patient");
        }

        if (request.PairsPath is { } pairsPath)
        {
            CheckPairs(overrides, pairsPath, priorExam.Detection.Findings, currentExam.Detection.Findings);
        }

        session.InputPath = request.CurrentPath;
        var patient = ExamCharacterizer.PatientFrom(currentExam.Volume.Source, request.Patient);
        string version = typeof(CompareCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var sources = new ComparisonSources(request.PriorPath, request.CurrentPath, request.PriorFindingsPath, request.CurrentFindingsPath);
        var comparison = session.WithProgress("Comparing with the prior exam", bar =>
            StudyComparer.Compare(priorExam, currentExam, patient, request.Purpose, overrides, sources, request.Threshold, version, warnings, new SynchronousProgress<string>(bar.Describe), session.CancellationToken));
        var result = comparison.Result;
        var document = comparison.Document;
        try
        {
            StudyComparer.Write(comparison, request.Output);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException or PathTooLongException)
        {
            throw new InputProblemException(request.Output, "cannot write the output: " + e.Message);
        }

        Print(session.Out, result, document);
        foreach (string warning in document.Warnings)
        {
            session.Out.WriteLine("warning: " + DisplayText.Clean(warning));
        }

        session.Out.WriteLine($"Wrote {Path.Combine(request.Output, "comparison.json")}, findings.json and prior-findings.json");
        return ExitCodes.Ok;
    }

    private static (CtVolume Volume, DateOnly Date) LoadInput(CliSession session, string which, string path, DateOnly? date, List<string> warnings)
    {
        session.InputPath = path;
        var (volume, inputWarnings) = VolumeInput.Load(session, path, null, new AssemblyOptions { PaddingToAir = true });
        volume.ClampBelowAir();

        warnings.AddRange(inputWarnings.Select(w => $"{which}: {w}"));
        DateOnly studyDate = date ?? DicomDate.Parse(volume.Source.StudyDate)
            ?? throw new InputProblemException(path, $"the {which} exam's study date is unknown (no DICOM StudyDate): give --{which}-date YYYYMMDD");
        return (volume, studyDate);
    }

    private static DetectionResult Detect(CliSession session, string which, CtVolume volume, string? findingsPath, double threshold, List<string> warnings, ProgressBar bar)
    {
        var detection = findingsPath is not null
            ? FromFindings(volume, findingsPath, which, warnings)
            : new NoduleDetector(new NoduleDetectorOptions { Threshold = threshold }).Detect(volume, new SynchronousProgress<string>(stage => bar.Describe($"{which}: {stage}")), session.CancellationToken);
        warnings.AddRange(detection.Warnings.Select(w => $"{which}: {w}"));
        return detection;
    }

    /// <summary>
    /// The findings of a findings.json as a detection result without candidates: each finding is segmented again at its
    /// centre (the masks are not stored), the lungs are segmented for the registration.
    /// </summary>
    private static DetectionResult FromFindings(CtVolume volume, string path, string which, List<string> warnings)
    {
        FindingsDocument document;
        try
        {
            document = FindingsJson.Read(path);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new InputProblemException(path, "not a findings.json: " + e.Message);
        }

        if (document.Schema != FindingsDocument.SchemaId)
        {
            throw new InputProblemException(path, $"findings schema '{document.Schema}' is not supported (expected {FindingsDocument.SchemaId})");
        }

        try
        {
            return FindingsDetection.FromFindings(volume, document, which, warnings);
        }
        catch (InvalidDataException e)
        {
            throw new InputProblemException(path, e.Message);
        }
    }

    private static void Print(TextWriter o, ComparisonResult result, ComparisonDocument document)
    {
        var r = result.Registration;
        o.WriteLine(Invariant($"Interval {result.IntervalDays:0} days. Registration: lung overlap {r.LungDiceBefore:0.00} → {r.LungDiceAfter:0.00} (Dice), rotation {r.CurrentToPrior.Matrix.RotationAngleDegrees:0.0}°, volume ratio {r.CurrentToPrior.Matrix.Determinant:0.00}, {r.Seconds:0.0} s"));
        var s = document.Summary;
        o.WriteLine($"{s.Paired} paired ({s.Growing} growing, {s.SlowGrowing} slowly growing, {s.Stable} stable, {s.Shrinking} shrinking), {s.New} new, {s.Resolved} resolved");
        foreach (var pair in result.Pairs)
        {
            string priorText = pair.Prior is { } p ? Invariant($"prior {(p.FindingId is { } pid ? "#" + pid : "(refound)")} {p.Measurement.MeanDiameterMm:0.0} mm") : "no prior";
            string currentText = pair.Current is { } c ? Invariant($"current #{c.FindingId} {c.Measurement.MeanDiameterMm:0.0} mm{(c.Source == NoduleSource.Refound ? " (refound)" : string.Empty)}") : "not seen now";
            string change = pair.Change is { } ch
                ? Invariant($"; {ch.MeanDiameterChangeMm:+0.0;-0.0;0.0} mm, volume {ch.VolumeChangePercent:+0;-0;0} %") + (ch.DoublingTime.DoublingTimeDays is { } vdt ? Invariant($", VDT {vdt:0} d") : string.Empty)
                : string.Empty;
            string match = pair.Match.DistanceMm is { } d ? Invariant($" ({pair.Match.Method}, {d:0.0} mm, confidence {pair.Match.Confidence:0.00})") : string.Empty;
            string guidance = pair.LungRads is { } lr ? $"; Lung-RADS {lr.CategoryLabel}" : string.Empty;
            o.WriteLine($"  {pair.Index}. {JsonNamingPolicy.CamelCase.ConvertName(pair.Status.ToString())}: {priorText} → {currentText}{change}{match}{guidance}");
        }

        o.WriteLine($"Exam (follow-up): Lung-RADS {s.LungRadsCategory} — {s.LungRadsManagement}");
        if (s.FleischnerNextStep is { } step)
        {
            o.WriteLine($"Fleischner 2017 next step: {step}");
        }

        o.WriteLine("For clinical decision support, not a diagnosis.");
    }

    /// <summary>Every id a pair names must be a finding of its exam.</summary>
    private static void CheckPairs(IReadOnlyList<PairOverride> overrides, string path, IReadOnlyList<DetectedNodule> prior, IReadOnlyList<DetectedNodule> current)
    {
        foreach (var o in overrides)
        {
            foreach (var (id, findings, exam) in new[] { (o.PriorId, prior, "prior"), (o.CurrentId, current, "current") })
            {
                if (id is { } wanted && !findings.Any(f => f.Id == wanted))
                {
                    throw new InputProblemException(path, $"the {exam} exam has no finding {wanted} (its findings are {(findings.Count == 0 ? "none" : string.Join(", ", findings.Select(f => f.Id)))})");
                }
            }
        }
    }

    private static IReadOnlyList<PairOverride> ReadPairs(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputProblemException(path, "no such file");
        }

        try
        {
            return PairOverridesFile.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new InputProblemException(path, e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message[(path.Length + 1)..].Trim() : e.Message);
        }
    }

    private static DateOnly? ParseDate(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, ["yyyyMMdd", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InputProblemException(option, $"'{DisplayText.Clean(text)}' is not a date (YYYYMMDD)");
    }


    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
