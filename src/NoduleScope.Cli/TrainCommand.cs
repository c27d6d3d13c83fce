using System.CommandLine;
using System.Globalization;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Scoring;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope train [--data SHARED] -o model.json</c>: rebuilds the candidate scorer (false-positive reduction)
/// from the development data: tuning-split LIDC nodules inserted into each real CT (fixed seeds) plus synthetic
/// phantoms; reports leave-one-background-out cross-validated FROC; writes the model with its card. Same data, same
/// model: every random choice is seeded.
/// </summary>
internal static class TrainCommand
{
    public const int DefaultSeeds = 6;
    public const int DefaultNodulesPerScan = 10;
    public const int DefaultPhantoms = 4;

    /// <summary>The default operating point: the lowest threshold whose cross-validated false positives per scan stay
    /// at or below this rate (a radiologist can review two false marks per scan; more buries the true ones).</summary>
    public const double TargetFalsePositivesPerScan = 2;

    public static Command Create(CliSession session)
    {
        var data = new Option<string>("--data") { Description = "The shared development data folder (holds data/ct and data/lidc-vois)", DefaultValueFactory = _ => Path.Combine("..", "shared"), HelpName = "dir" };
        var output = new Option<string>("--output", "-o") { Description = "Model file to write (JSON); a model card is written next to it (.md)", Required = true, HelpName = "file" };
        var seeds = new Option<int>("--seeds") { Description = "Insertion scans per background", DefaultValueFactory = _ => DefaultSeeds, HelpName = "n" };
        var perScan = new Option<int>("--nodules-per-scan") { Description = "Tuning-split nodules inserted per scan", DefaultValueFactory = _ => DefaultNodulesPerScan, HelpName = "n" };
        var phantoms = new Option<int>("--phantoms") { Description = "Synthetic phantom scans added to the training data", DefaultValueFactory = _ => DefaultPhantoms, HelpName = "n" };
        var model = new Option<string>("--model") { Description = "Which model: candidates (false-positive reduction) or characterization (type, calcification, spiculation, malignancy)", DefaultValueFactory = _ => "candidates", HelpName = "name" };
        model.AcceptOnlyFromAmong("candidates", "characterization");
        var command = new Command("train", "Rebuild a learned model (candidate scorer or characterisation models) from the development data") { data, output, model, seeds, perScan, phantoms };
        command.SetAction(parseResult => parseResult.GetRequiredValue(model) == "characterization"
            ? ExecuteCharacterization(session, parseResult.GetRequiredValue(data), parseResult.GetRequiredValue(output))
            : Execute(session, parseResult.GetRequiredValue(data), parseResult.GetRequiredValue(output), parseResult.GetValue(seeds), parseResult.GetValue(perScan), parseResult.GetValue(phantoms)));
        return command;
    }

    public static int Execute(CliSession session, string data, string output, int seeds, int perScan, int phantoms)
    {
        session.InputPath = data;
        if (seeds < 1 || perScan < 1 || phantoms < 0)
        {
            throw new InputProblemException("train", "--seeds and --nodules-per-scan must be at least 1, --phantoms at least 0");
        }

        string vois = Path.Combine(data, "data", "lidc-vois");
        if (!File.Exists(Path.Combine(vois, "nodules.csv")))
        {
            throw new InputProblemException(data, "no data/lidc-vois/nodules.csv: --data must name the shared development data folder");
        }

        // First the ranker of blob maxima (it decides which maxima become candidates), then the scorer on the candidates
        // that ranker gives.
        var rankerScans = session.WithProgress("Finding blob maxima", bar => DevelopmentData.BuildRankerScans(data, LoadSeries, seeds, perScan, phantoms, LidcSplitPart.Tuning, (step, done, total) =>
        {
            bar.Describe(step);
            bar.Update(done, total);
        }));
        var rankerTraining = new BlobRankerTraining();
        var generator = new CandidateGeneratorOptions { Ranker = null };
        var rankerCard = new Dictionary<string, string>
        {
            ["model"] = BlobRankerTraining.ModelName,
            ["data"] = $"every blob-filter maximum (before suppression and the cap) of the scorer's training scans: tuning-split LIDC nodules inserted into {string.Join(", ", DevelopmentData.Backgrounds.Select(b => b.Name))} ({seeds} scans each, {perScan} nodules per scan, seeds 1..{seeds}); {phantoms} synthetic phantoms",
            ["labels"] = $"positive: within a placed nodule's radius; negative: more than 2 mm past every nodule's edge and off the A0001 tumour boxes, a seeded {rankerTraining.NegativeShare:0.##} share of them; {rankerScans.Sum(s => s.Maxima.Count(c => c.RankFeatures is not null && BlobRankerTraining.LabelOf(c, s) == CandidateLabel.Nodule))} positive maxima",
            ["features"] = string.Join(", ", BlobRankerTraining.FeatureNames(generator)),
            ["options"] = rankerTraining.Options.ToString(),
            ["cv_candidate_recall_leave_one_background_out"] = RankerRecall(rankerTraining.LeaveOneBackgroundOutRecall(rankerScans, generator)),
        };
        var ranker = rankerTraining.Train(rankerScans, generator, rankerCard);
        rankerScans.Clear();
        string rankerJson = ranker.ToJson();
        string rankerOutput = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".", "blob-ranker.json");
        Directory.CreateDirectory(Path.GetDirectoryName(rankerOutput)!);
        File.WriteAllText(rankerOutput, rankerJson);
        File.WriteAllText(Path.ChangeExtension(rankerOutput, ".md"), RankerCard(rankerCard, GradientBoostedTrees.Hash(rankerJson)));
        session.Out.WriteLine($"Wrote {rankerOutput} (hash {GradientBoostedTrees.Hash(rankerJson)}); leave-one-background-out candidate recall {rankerCard["cv_candidate_recall_leave_one_background_out"]}");

        var scans = session.WithProgress("Building training candidates", bar => BuildTuningScans(data, seeds, perScan, phantoms, LidcSplitPart.Tuning, bar, session.Out, generator with { Ranker = ranker }));
        var training = new CandidateScorerTraining();
        var cv = training.LeaveOneBackgroundOut(scans, scans);
        var froc = ScoredScanFroc.Evaluate(cv, new FrocEvaluationOptions { MaxCandidatesPerScan = 0, BootstrapSamples = 200 });
        var realCv = ScoredScanFroc.Evaluate(cv.Where(s => s.Scan.Background != "phantom").ToList(), new FrocEvaluationOptions { MaxCandidatesPerScan = 0, BootstrapSamples = 0 });
        var (operatingThreshold, operatingFps, operatingSensitivity) = OperatingPoint(realCv.Curve, TargetFalsePositivesPerScan);
        var (recalled, total) = ScoredScanFroc.CandidateRecall(scans);
        var card = new Dictionary<string, string>
        {
            ["model"] = CandidateScorerTraining.ModelName,
            ["candidates"] = $"blob maxima ranked with {BlobRankerTraining.ModelName} ({GradientBoostedTrees.Hash(rankerJson)}, trained by the same command on the same scans)",
            ["data"] = $"tuning-split LIDC nodules (LidcSplit, by patient) inserted into {string.Join(", ", DevelopmentData.Backgrounds.Select(b => b.Name))} ({seeds} scans each, {perScan} nodules per scan, seeds 1..{seeds}); {phantoms} synthetic phantoms (seeds 1..{phantoms})",
            ["rows"] = $"{scans.Sum(s => s.Candidates.Count(c => c.Label != CandidateLabel.Excluded))} candidates, {scans.Sum(s => s.Candidates.Count(c => c.Label == CandidateLabel.Nodule))} on nodules",
            ["features"] = string.Join(", ", CandidateFeatures.Names),
            ["options"] = training.Options.ToString(),
            ["candidate_recall_tuning"] = Invariant($"{recalled}/{total}"),
            ["cv_cpm_leave_one_background_out"] = Invariant($"{froc.Cpm:0.000}"),
            ["cv_sensitivity_at_fp_rates"] = string.Join(", ", froc.ReferencePoints.Select(r => Invariant($"{r.FalsePositivesPerScan:0.###}: {r.Sensitivity:0.000}"))),
            [LearnedCandidateScorer.OperatingThresholdKey] = Invariant($"{operatingThreshold:0.####}"),
            ["operating_point_cv"] = Invariant($"sensitivity {operatingSensitivity:0.000} at {operatingFps:0.00} FPs/scan (tuning scans of the real backgrounds, leave-one-background-out; the default detect threshold)"),
        };
        var model = training.Train(scans, card);
        string json = model.ToJson();
        string? folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(output, json);
        File.WriteAllText(Path.ChangeExtension(output, ".md"), ModelCard(card, GradientBoostedTrees.Hash(json)));
        session.Out.WriteLine(Invariant($"Trained on {scans.Count} scans: {card["rows"]}; candidate recall {recalled}/{total}"));
        session.Out.WriteLine(Invariant($"Leave-one-background-out CPM {froc.Cpm:0.000}; sensitivity at 1/8..8 FPs/scan: {card["cv_sensitivity_at_fp_rates"]}"));
        session.Out.WriteLine($"Wrote {output} (hash {GradientBoostedTrees.Hash(json)}) and {Path.ChangeExtension(output, ".md")}");
        return ExitCodes.Ok;
    }

    /// <summary>Trains the characterisation models on the tuning split of the LIDC crops (the held-out split is never read
    /// into training) and writes them with a model card.</summary>
    public static int ExecuteCharacterization(CliSession session, string data, string output)
    {
        session.InputPath = data;
        string vois = Path.Combine(data, "data", "lidc-vois");
        if (!File.Exists(Path.Combine(vois, "nodules.csv")))
        {
            throw new InputProblemException(data, "no data/lidc-vois/nodules.csv: --data must name the shared development data folder");
        }

        var samples = session.WithProgress("Segmenting LIDC nodules", bar => LidcCharacterizationData.Load(vois, (done, total) => bar.Update(done, total)));
        var tuning = samples.Where(s => !s.HeldOut).ToList();
        var card = new Dictionary<string, string>
        {
            ["models"] = "one-vs-rest type (solid, part-solid, non-solid), calcification, spiculation (rating >= 3), ill-defined margin (rating 1-2), malignancy (LIDC diagnosis vote)",
            ["data"] = Invariant($"tuning split of ../shared/data/lidc-vois (LidcSplit, by patient): {tuning.Count} nodules, {tuning.Count(s => s.Features is null)} not segmented; segmented by NoduleSegmenter.SegmentAt from the LUNA16 centre only"),
            ["labels"] = Invariant($"solid {tuning.Count(s => s.Type == Clinical.NoduleType.Solid)}, part-solid {tuning.Count(s => s.Type == Clinical.NoduleType.PartSolid)}, non-solid {tuning.Count(s => s.Type == Clinical.NoduleType.NonSolid)}; calcified {tuning.Count(s => s.Calcified)}; spiculated {tuning.Count(s => s.IsSpiculated)}; ill-defined margin {tuning.Count(s => s.IsIllDefined)}; malignant {tuning.Count(s => s.Malignant)}"),
            ["features"] = string.Join(", ", NoduleImageFeatures.Names),
            ["options"] = CharacterizationTraining.Options.ToString(),
            ["calcification_threshold"] = CharacterizationTraining.CalcificationThreshold.ToString(CultureInfo.InvariantCulture),
        };
        var models = CharacterizationTraining.Train(tuning, card);
        string json = models.ToJson();
        File.WriteAllText(output, json);
        var tuningFit = CharacterizationEvaluation.Evaluate(new NoduleCharacterizer(models), tuning);
        File.WriteAllText(Path.ChangeExtension(output, ".md"),
            "# Model card: nodule characterisation\n\nMade by `nodulescope train --model characterization`; gradient-boosted trees over `NoduleImageFeatures`. " +
            "Held-out numbers: docs/benchmarks.md (`dotnet run --project benchmarks/NoduleScope.Benchmarks -c Release -- characterization`).\n\n" +
            $"- hash: `{GradientBoostedTrees.Hash(json)}`\n" + string.Concat(card.Select(kv => $"- {kv.Key}: {kv.Value}\n")) +
            "\nFit on its own training data (not a performance claim):\n\n```\n" + CharacterizationEvaluation.Describe(tuningFit) + "```\n");
        session.Out.WriteLine($"Trained on {tuning.Count} tuning-split nodules; wrote {output} (hash {GradientBoostedTrees.Hash(json)}) and {Path.ChangeExtension(output, ".md")}");
        return ExitCodes.Ok;
    }

    public static List<LabelledScan> BuildTuningScans(string data, int seeds, int perScan, int phantoms, LidcSplitPart part, ProgressBar bar, TextWriter log, CandidateGeneratorOptions? generator = null) =>
        DevelopmentData.BuildScans(data, LoadSeries, seeds, perScan, phantoms, part, (step, done, total) =>
        {
            bar.Describe(step);
            bar.Update(done, total);
        }, generator);

    private static string RankerRecall((int Ranked, int HandSet, int Nodules) r) => Invariant($"{r.Ranked}/{r.Nodules} (hand-set ranking alone: {r.HandSet}/{r.Nodules})");

    private static string RankerCard(IReadOnlyDictionary<string, string> card, string hash)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("# Model card: blob ranker (which blob-filter maxima become candidates)");
        text.AppendLine();
        text.AppendLine("Made by `nodulescope train` (src/NoduleScope.Cli/TrainCommand.cs), before the candidate scorer, from the same scans;");
        text.AppendLine("gradient-boosted trees (logistic loss) over `BlobRankFeatures`. `CandidateGenerator.Rank` ranks each maximum by");
        text.AppendLine("the better of its hand-set rank (response × (0.1 + dotness)) and its rank by this model, and the 300 best distinct");
        text.AppendLine("maxima (after suppression) become candidates. Recall numbers below are leave-one-background-out on the tuning split;");
        text.AppendLine("held-out numbers are in docs/benchmarks.md.");
        text.AppendLine();
        text.AppendLine($"- hash: `{hash}`");
        foreach (var (key, value) in card)
        {
            text.AppendLine($"- {key}: {value}");
        }

        return text.ToString();
    }

    private static (double Threshold, double FalsePositivesPerScan, double Sensitivity) OperatingPoint(FrocCurve curve, double targetFps)
    {
        int best = 0;
        for (int i = 0; i < curve.Thresholds.Count; i++)
        {
            if (curve.FalsePositivesPerScan[i] <= targetFps && double.IsFinite(curve.Thresholds[i]))
            {
                best = i;
            }
        }

        return (double.IsFinite(curve.Thresholds[best]) ? curve.Thresholds[best] : 0.5, curve.FalsePositivesPerScan[best], curve.Sensitivity[best]);
    }

    public static CtVolume LoadSeries(string folder)
    {
        var scan = new DicomInputScanner().Scan(folder);
        var chosen = SeriesSelector.Select(scan.Series).Chosen ?? throw new InputProblemException(folder, "no CT series found");
        var volume = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(chosen).Volume;
        volume.ClampBelowAir();

        return volume;
    }

    private static string ModelCard(IReadOnlyDictionary<string, string> card, string hash)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("# Model card: candidate scorer (false-positive reduction)");
        text.AppendLine();
        text.AppendLine("Made by `nodulescope train` (src/NoduleScope.Cli/TrainCommand.cs); gradient-boosted trees (logistic loss) over the");
        text.AppendLine("per-candidate features of `CandidateFeatures`. Labels: a candidate within half a placed nodule's diameter of its");
        text.AppendLine("centre is positive; candidates on the real tumour of Lung-PET-CT-Dx A0001 (its boxes) are left out.");
        text.AppendLine("Metrics are leave-one-background-out cross-validation on the tuning split; held-out numbers are in docs/benchmarks.md.");
        text.AppendLine();
        text.AppendLine($"- hash: `{hash}`");
        foreach (var (key, value) in card)
        {
            text.AppendLine($"- {key}: {value}");
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
