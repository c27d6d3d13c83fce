using NoduleScope.Clinical;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Detection;
using NoduleScope.Imaging;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Pipeline.Processing;

/// <summary>
/// The analysis chain shared by <c>nodulescope detect</c> and the service: padding clamped to air → nodule detection →
/// characterisation and guidance → findings document → findings.json, candidates.csv and the requested result files
/// (SR, SEG, key images, reports).
/// </summary>
public sealed class StudyProcessor
{
    public const string FindingsFileName = "findings.json";
    public const string CandidatesFileName = "candidates.csv";

    public StudyProcessor(StudyProcessorOptions? options = null)
    {
        Options = options ?? new StudyProcessorOptions();
        Options.Validate();
    }

    public StudyProcessorOptions Options { get; }

    /// <summary>The software version written into findings.json and the DICOM results.</summary>
    public static string SoftwareVersion { get; } = typeof(StudyProcessor).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Analyses <paramref name="volume"/>; its voxels below −1024 HU are set to −1024 first (in place).</summary>
    /// <param name="inputWarnings">Warnings of reading the input, kept in findings.json.</param>
    /// <param name="inputName">What findings.json names as the input (a path, or an opaque study id in the service).</param>
    public StudyAnalysis Analyze(CtVolume volume, IReadOnlyList<string> inputWarnings, string inputName, PatientContext? patient = null, ExamPurpose purpose = ExamPurpose.Unknown, IProgress<string>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(inputWarnings);
        ArgumentNullException.ThrowIfNull(inputName);
        volume.ClampBelowAir();

        var detector = new NoduleDetector(new NoduleDetectorOptions { Threshold = Options.Threshold });
        var result = detector.Detect(volume, stage, cancellationToken);
        var assessment = new ExamCharacterizer().Assess(volume, result, ExamCharacterizer.PatientFrom(volume.Source, patient ?? PatientContext.Unknown), purpose);
        var document = FindingsDocumentBuilder.Build(volume, result, Options.Threshold, inputName, SoftwareVersion, assessment) with { Warnings = [.. inputWarnings, .. result.Warnings] };
        string seriesId = volume.Source.SeriesInstanceUid ?? Path.GetFileNameWithoutExtension(inputName);
        return new StudyAnalysis(volume, result, assessment, document, seriesId, inputWarnings);
    }

    /// <summary>
    /// Compares <paramref name="analysis"/> with the patient's prior study: registration, pairing, change and the
    /// follow-up guidance. The returned analysis carries the follow-up findings (with prior links), the comparison and
    /// the prior exam for the report; <see cref="Write"/> then also writes comparison.json and prior-findings.json.
    /// </summary>
    /// <param name="studyName">What comparison.json names as the current input (an opaque id in the service).</param>
    /// <param name="overrides">The user's pairings (docs/comparison.md); those naming a finding either exam lacks are left out with a warning.</param>
    public StudyAnalysis CompareWithPrior(StudyAnalysis analysis, PriorStudy prior, DateOnly studyDate, string studyName, PatientContext? patient = null, ExamPurpose purpose = ExamPurpose.Unknown,
        IReadOnlyList<PairOverride>? overrides = null, IProgress<string>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(prior);
        var warnings = new List<string>(prior.Warnings.Select(w => "prior: " + w));
        var priorDetection = FindingsDetection.FromFindings(prior.Volume, prior.Findings, "prior", warnings);
        var usable = new List<PairOverride>();
        foreach (var o in overrides ?? [])
        {
            bool priorKnown = o.PriorId is not { } p || priorDetection.Findings.Any(f => f.Id == p);
            bool currentKnown = o.CurrentId is not { } c || analysis.Detection.Findings.Any(f => f.Id == c);
            if (priorKnown && currentKnown)
            {
                usable.Add(o);
            }
            else
            {
                warnings.Add($"user pairing (prior {o.PriorId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, current {o.CurrentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}) left out: the finding is not in this comparison");
            }
        }

        var priorExam = new ComparisonExam(prior.Volume, priorDetection, prior.StudyDate);
        var currentExam = new ComparisonExam(analysis.Volume, analysis.Detection, studyDate);
        var context = ExamCharacterizer.PatientFrom(analysis.Volume.Source, patient ?? PatientContext.Unknown);
        var sources = new ComparisonSources("study/" + prior.StudyId, studyName);
        var comparison = StudyComparer.Compare(priorExam, currentExam, context, purpose, usable, sources, Options.Threshold, SoftwareVersion, [.. analysis.InputWarnings, .. warnings], stage, cancellationToken);
        var detection = analysis.Detection with { Findings = comparison.Result.CurrentFindings };
        return analysis with
        {
            Detection = detection,
            Assessment = comparison.Result.CurrentAssessment,
            Document = comparison.CurrentFindings,
            Comparison = comparison,
            Prior = new PriorExamInputs
            {
                Volume = prior.Volume,
                Document = comparison.PriorFindings,
                Masks = NoduleMask.From(priorDetection with { Findings = comparison.Result.PriorFindings }),
                StudyDate = prior.StudyDate,
            },
        };
    }

    /// <summary>Writes findings.json, candidates.csv and the result files of <see cref="StudyProcessorOptions.Outputs"/> into <paramref name="folder"/>.</summary>
    public StudyOutputs Write(StudyAnalysis analysis, string folder, DateTimeOffset? created = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        string findings = Path.Combine(folder, FindingsFileName);
        FindingsJson.Write(analysis.Document, findings);
        string candidates = Path.Combine(folder, CandidatesFileName);
        using (var csv = new StreamWriter(candidates))
        {
            Luna16CandidatesWriter.Write(csv, analysis.CandidatesSeriesId, analysis.Detection.Candidates);
        }

        var compared = new List<string>();
        if (analysis.Comparison is { } comparison)
        {
            StudyComparer.Write(comparison, folder);
            compared.Add(Path.Combine(folder, StudyComparer.ComparisonFileName));
            compared.Add(Path.Combine(folder, StudyComparer.PriorFindingsFileName));
        }

        var kinds = Options.Outputs;
        if (kinds == OutputKinds.None)
        {
            return new StudyOutputs(findings, candidates, compared, []);
        }

        var warnings = new List<string>();
        var header = (kinds & OutputKinds.Dicom) != 0 ? SourceHeaderReader.Read(analysis.Volume, warnings) : null;
        var inputs = new ReportInputs { Document = analysis.Document, Volume = analysis.Volume, Masks = NoduleMask.From(analysis.Detection), SourceHeader = header, Prior = analysis.Prior };
        var written = ResultsWriter.Write(inputs, folder, kinds, created);
        return new StudyOutputs(findings, candidates, [.. compared, .. written.Files], [.. warnings, .. written.Warnings]);
    }
}
