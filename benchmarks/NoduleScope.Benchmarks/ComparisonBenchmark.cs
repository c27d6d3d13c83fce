using System.Diagnostics;
using System.Globalization;
using NoduleScope.Clinical;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Growth;
using NoduleScope.Detection;
using NoduleScope.Detection.Learning;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Registration;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Benchmarks;

/// <summary>
/// Prior/current pairs built by lesion insertion: the prior is a real CT of ../shared/data/ct plus noise and LIDC nodules;
/// the current is the same CT seen through a known rigid (even pairs) or affine (odd pairs) transform, with a
/// different field of view (slices cut at one end) and other noise, and the same nodules at the corresponding places,
/// scaled so that they grow, shrink or stay — plus one nodule that appears and one that vanishes. Growing nodules
/// gain at least 2.5 mm of mean diameter (well beyond the 1.5 mm Lung-RADS threshold and the 1.3 mm noise), so the
/// growth truth is unambiguous; the true volume doubling time follows from the scale factor. Nodules are averaged over
/// the slice thickness as a scanner images them. Then the full comparison (detection on both, registration, matching,
/// change) runs and is scored against the truth: a nodule counts as rightly matched when the one pair at its place has
/// the right sides (prior and current, or only one for a new or vanished nodule); nodules detected on neither exam are
/// reported apart, as they measure detection, not comparison.
/// </summary>
public static class ComparisonBenchmark
{
    private const string Grow = "grow";
    private const string Shrink = "shrink";
    private const string Stay = "stable";
    private const string Appear = "appear";
    private const string Vanish = "vanish";
    private const string RealLesion = "real lesion";

    private const double NoiseHu = 12;
    private const double MinGrowthMm = 2.5;
    private const double ShrinkFactor = 0.7;

    private static readonly string[] Roles = [Grow, Grow, Shrink, Stay, Stay, Appear, Vanish];

    /// <param name="args">[pairs per background, default 2] [--tuning: tuning-split nodules, for development]</param>
    public static int Run(string shared, IReadOnlyList<string> args)
    {
        int pairsPerBackground = args.Count > 0 && int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count) ? count : 2;
        var part = args.Contains("--tuning") ? LidcSplitPart.Tuning : LidcSplitPart.HeldOut;
        var log = Console.Error;
        var watch = Stopwatch.StartNew();
        var pool = LidcNoduleLibrary.Load(Path.Combine(shared, "data", "lidc-vois")).Select(part, 4)
            .Where(n => n.Texture >= 3 && n.DiameterMm <= 12).ToList();
        log.WriteLine($"{pool.Count} {part} LIDC nodules of 4–12 mm (part-solid or solid); loading backgrounds ({watch.Elapsed.TotalSeconds:0} s)");
        var backgrounds = DevelopmentData.LoadBackgrounds(shared, LoadSeries);

        // One row per truth nodule: background, pair, role, prior/current true diameters, the outcome and the numbers.
        var rows = new List<(string Background, int Pair, string Role, double PriorMm, double CurrentMm, string Outcome, bool? GrowthRight, double? VdtError, double? MappingErrorMm)>();
        var timings = new List<(string Background, int Slices, double Detect, double CompareSequential, double Compare, double CompareWithPriorFindings, double Registration, double Comparer, string Stages)>();
        var registrationErrors = new List<double>();
        int otherPairs = 0, otherNew = 0, otherResolved = 0;
        foreach (var background in backgrounds)
        {
            for (int k = 0; k < pairsPerBackground; k++)
            {
                int seed = (part == LidcSplitPart.HeldOut ? 9000 : 5000) + (backgrounds.ToList().IndexOf(background) * 100) + k;
                var random = new Random(seed);
                int interval = k % 2 == 0 ? 365 : 182;
                log.WriteLine($"{background.Name} pair {k + 1}: building ({watch.Elapsed.TotalSeconds:0} s)");

                // Nodules: prior and current versions (null when absent), scaled from one LIDC nodule.
                var chosen = new List<(string Role, LidcNodule? Prior, LidcNodule? Current, double Factor)>();
                var used = new HashSet<string>();
                foreach (string role in Roles)
                {
                    var candidates = pool.Where(n => !used.Contains(n.SourceId) && (role switch
                    {
                        Grow => n.DiameterMm <= 10,
                        Shrink => n.DiameterMm >= 6,
                        _ => true,
                    })).ToList();
                    var nodule = candidates[random.Next(candidates.Count)];
                    used.Add(nodule.SourceId);
                    double factor = role switch
                    {
                        Grow => Math.Min(2, Math.Max(1.35 + (0.2 * random.NextDouble()), 1 + (MinGrowthMm / nodule.DiameterMm))),
                        Shrink => ShrinkFactor,
                        _ => 1,
                    };
                    var scaled = factor == 1 ? nodule : Scaled(nodule, factor);
                    chosen.Add(role switch
                    {
                        Appear => (role, null, nodule, 1),
                        Vanish => (role, nodule, null, 1),
                        _ => (role, nodule, scaled, factor),
                    });
                }

                // Places (background frame), found for the larger version of each nodule so every version fits.
                var largest = chosen.Select(c => c.Factor >= 1 ? c.Current ?? c.Prior! : c.Prior!).ToList();
                var placed = new LesionInserter().Insert(background.Volume, background.Lungs, largest, LesionPlacement.All, seed);
                var centre = new Dictionary<string, Vector3D>();
                foreach (var n in placed.Nodules)
                {
                    centre[n.SourceId] = n.Center;
                }

                var truth = chosen.Select((c, i) => (c.Role, c.Prior, c.Current, c.Factor, Found: centre.TryGetValue(largest[i].SourceId, out var p), Centre: p)).Where(t => t.Found).ToList();

                var toPrior = RandomTransform(random, background.Volume, affine: k % 2 == 1);
                var toCurrent = toPrior.Inverse();
                var currentGrid = CutFieldOfView(background.Volume, truth.Select(t => toCurrent.Apply(t.Centre)).ToList(), k);
                var prior = InsertAcrossSlices(WithNoise(background.Volume, seed * 2), [.. truth.Where(t => t.Prior is not null).Select(t => (t.Prior!, t.Centre))]);
                var moved = WithNoise(TransformResampler.Resample(background.Volume, currentGrid, toPrior, -1024), (seed * 2) + 1);
                var current = InsertAcrossSlices(moved, [.. truth.Where(t => t.Current is not null).Select(t => (t.Current!, toCurrent.Apply(t.Centre)))]);
                var real = background.RealLesions.Select(l => (Role: RealLesion, Prior: (LidcNodule?)null, Current: (LidcNodule?)null, Factor: 1.0, Found: true, Centre: l.Center, Region: (LesionRegion?)l)).ToList();

                log.WriteLine($"{background.Name} pair {k + 1}: comparing ({watch.Elapsed.TotalSeconds:0} s)");
                var detector = new NoduleDetector();
                var t0 = Stopwatch.StartNew();
                var priorDetection = detector.Detect(prior);
                double priorSeconds = t0.Elapsed.TotalSeconds;
                t0.Restart();
                var currentDetection = detector.Detect(current);
                var t1 = Stopwatch.StartNew();
                new ExamCharacterizer().Assess(current, currentDetection, PatientContext.Unknown, ExamPurpose.LungCancerScreening);
                double characterizeSeconds = t1.Elapsed.TotalSeconds;
                double currentSeconds = t0.Elapsed.TotalSeconds - characterizeSeconds;
                // compare runs both detections at once.
                t0.Restart();
                Parallel.Invoke(() => detector.Detect(prior), () => detector.Detect(current));
                double bothSeconds = t0.Elapsed.TotalSeconds;
                // With the prior's findings.json, compare segments the prior's lungs instead of running detection on it.
                t0.Restart();
                new LungSegmenter().Segment(prior);
                double priorLungsSeconds = t0.Elapsed.TotalSeconds;
                t0.Restart();
                var priorDate = new DateOnly(2024, 1, 15);
                var result = new ExamComparer().Compare(
                    new ComparisonExam(prior, priorDetection, priorDate),
                    new ComparisonExam(current, currentDetection, priorDate.AddDays(interval)),
                    PatientContext.Unknown, ExamPurpose.LungCancerScreening);
                double comparerSeconds = t0.Elapsed.TotalSeconds;
                // Detect = detection and characterisation of one exam (what `detect` computes); compare = detection on both
                // exams and the comparison (which characterises both); with the prior's findings.json, the prior's lungs
                // instead of its detection.
                // One detect: the mean of the two exams' detection times (the moved scan is smoother and may be faster).
                double detectSeconds = ((priorSeconds + currentSeconds) / 2) + characterizeSeconds;
                timings.Add((background.Name, current.SizeZ, detectSeconds, priorSeconds + currentSeconds + comparerSeconds, bothSeconds + comparerSeconds,
                    currentSeconds + priorLungsSeconds + comparerSeconds, result.Registration.Seconds, comparerSeconds,
                    string.Join(", ", result.Timings.Select(s => Invariant($"{s.Stage} {s.Seconds:0.0}")))));

                var involved = new HashSet<NodulePair>();
                foreach (var t in truth.Select(t => (t.Role, t.Prior, t.Current, t.Factor, t.Found, t.Centre, Region: (LesionRegion?)null)).Concat(real))
                {
                    var currentCentre = toCurrent.Apply(t.Centre);
                    registrationErrors.Add((result.Registration.CurrentToPrior.Apply(currentCentre) - t.Centre).Length);
                    double priorMm = t.Region?.DiameterMm ?? t.Prior?.DiameterMm ?? 0;
                    double currentMm = t.Region?.DiameterMm ?? t.Current?.DiameterMm ?? 0;
                    bool inPrior = t.Role != Appear, inCurrent = t.Role != Vanish;
                    double reach = Math.Max(4, 0.6 * Math.Max(priorMm, currentMm));
                    // A real lesion is its annotated box (in the prior frame, which is the background's).
                    bool NearPrior(NodulePair p) => p.Prior is { } n && (t.Region is { } r ? r.Covers(n.Center) : (n.Center - t.Centre).Length <= reach);
                    bool NearCurrent(NodulePair p) => p.Current is { } n && (t.Region is { } r ? r.Covers(toPrior.Apply(n.Center)) : (n.Center - currentCentre).Length <= reach);
                    // A real lesion's box may hold inserted nodules: their pairs are theirs.
                    var touching = result.Pairs.Where(p => (NearPrior(p) || NearCurrent(p)) && (t.Region is null || !involved.Contains(p))).ToList();
                    involved.UnionWith(touching);
                    if (touching.Count == 0)
                    {
                        rows.Add((background.Name, k + 1, t.Role, priorMm, currentMm, "not detected", null, null, null));
                        continue;
                    }

                    var right = touching.FirstOrDefault(p => (inPrior ? NearPrior(p) : p.Prior is null) && (inCurrent ? NearCurrent(p) : p.Current is null));
                    // A large real lesion may be reported as several findings: each must then be paired with itself.
                    bool allRight = t.Region is not null && touching.All(p => NearPrior(p) && NearCurrent(p));
                    if (right is null || (touching.Count > 1 && !allRight))
                    {
                        string got = string.Join(" + ", touching.Select(p => $"{p.Status} {p.Match.Method} ({Side(p.Prior, NearPrior(p))} / {Side(p.Current, NearCurrent(p))})"));
                        rows.Add((background.Name, k + 1, t.Role, priorMm, currentMm, "wrong: " + got, null, null, null));
                        continue;
                    }

                    bool? growthRight = null;
                    double? vdtError = null;
                    double? mapping = null;
                    if (inPrior && inCurrent)
                    {
                        bool truthGrowing = t.Role == Grow;
                        growthRight = touching.All(p => (p.Status == PairStatus.Growing) == truthGrowing);
                        mapping = (right.Prior!.CenterInCurrent - right.Current!.Center).Length;
                        if (t.Factor != 1 && Math.Max(priorMm, currentMm) >= 6 && right.Change?.DoublingTime.DoublingTimeDays is { } vdt)
                        {
                            double trueVdt = Math.Log(2) * interval / Math.Log(t.Factor * t.Factor * t.Factor);
                            vdtError = Math.Abs(vdt - trueVdt) / Math.Abs(trueVdt);
                        }
                    }

                    string truthVolumes = Invariant($"true {TrueVolume(t.Prior):0} / {TrueVolume(t.Current):0} mm³") +
                        (right.Change is { } ch ? Invariant($"; Δd {ch.MeanDiameterChangeMm:+0.0;-0.0;0.0} mm, volume {ch.Volumes.PriorMm3:0} → {ch.Volumes.CurrentMm3:0} mm³") : "");
                    rows.Add((background.Name, k + 1, t.Role, priorMm, currentMm, $"{right.Status} ({Side(right.Prior, true)} / {Side(right.Current, true)}; {truthVolumes})", growthRight, vdtError, mapping));
                }

                foreach (var p in result.Pairs.Where(p => !involved.Contains(p)))
                {
                    otherPairs++;
                    otherNew += p.Status == PairStatus.New ? 1 : 0;
                    otherResolved += p.Status == PairStatus.Resolved ? 1 : 0;
                }

                log.WriteLine(Invariant($"  {priorDetection.Findings.Count} prior / {currentDetection.Findings.Count} current findings, {result.Pairs.Count} pairs; registration {result.Registration.Seconds:0.0} s, Dice {result.Registration.LungDiceBefore:0.000} → {result.Registration.LungDiceAfter:0.000}"));
            }
        }

        Report(rows, timings, registrationErrors, otherPairs, otherNew, otherResolved, part, watch.Elapsed.TotalMinutes);
        return 0;
    }

    private static void Report(
        List<(string Background, int Pair, string Role, double PriorMm, double CurrentMm, string Outcome, bool? GrowthRight, double? VdtError, double? MappingErrorMm)> rows,
        List<(string Background, int Slices, double Detect, double CompareSequential, double Compare, double CompareWithPriorFindings, double Registration, double Comparer, string Stages)> timings,
        List<double> registrationErrors, int otherPairs, int otherNew, int otherResolved, LidcSplitPart part, double minutes)
    {
        var o = Console.Out;
        o.WriteLine($"## Comparison benchmark ({part} LIDC nodules, {rows.Select(r => (r.Background, r.Pair)).Distinct().Count()} pairs, {minutes:0.0} min)");
        o.WriteLine();
        o.WriteLine("| background | pair | role | prior → current (true mm) | outcome | growth call | VDT error | prior mapped to current |");
        o.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            o.WriteLine(Invariant($"| {r.Background} | {r.Pair} | {r.Role} | {r.PriorMm:0.0} → {r.CurrentMm:0.0} | {r.Outcome} | {(r.GrowthRight is { } g ? (g ? "right" : "WRONG") : "")} | {(r.VdtError is { } e ? $"{e * 100:0} %" : "")} | {(r.MappingErrorMm is { } m ? $"{m:0.0} mm" : "")} |"));
        }

        var evaluated = rows.Where(r => r.Outcome != "not detected").ToList();
        int correct = evaluated.Count(r => !r.Outcome.StartsWith("wrong", StringComparison.Ordinal));
        var growth = rows.Where(r => r.GrowthRight is not null).ToList();
        var vdt = rows.Where(r => r.VdtError is not null).Select(r => r.VdtError!.Value).OrderBy(v => v).ToList();
        var mapping = rows.Where(r => r.MappingErrorMm is not null).Select(r => r.MappingErrorMm!.Value).OrderBy(v => v).ToList();
        registrationErrors.Sort();
        o.WriteLine();
        o.WriteLine(Invariant($"- truth nodules: {rows.Count}; detected on at least one exam (evaluated): {evaluated.Count}"));
        o.WriteLine(Invariant($"- matching accuracy: {correct}/{evaluated.Count} = {Ratio(correct, evaluated.Count):0.000} (target ≥ 0.95)"));
        o.WriteLine(Invariant($"- growth-call accuracy (correctly paired nodules on both exams): {growth.Count(r => r.GrowthRight == true)}/{growth.Count} = {Ratio(growth.Count(r => r.GrowthRight == true), growth.Count):0.000} (target ≥ 0.90)"));
        o.WriteLine(Invariant($"- median VDT error, growing or shrinking nodules ≥ 6 mm: {Median(vdt) * 100:0.0} % over {vdt.Count} (target ≤ 15 %)"));
        o.WriteLine(Invariant($"- global registration error at the nodules: median {Median(registrationErrors):0.00} mm, max {(registrationErrors.Count == 0 ? 0 : registrationErrors[^1]):0.00} mm; prior centre mapped into the current scan vs the current centre: median {Median(mapping):0.0} mm"));
        o.WriteLine(Invariant($"- other pairs (findings not on an inserted or known lesion): {otherPairs}, of which {otherNew} new and {otherResolved} resolved"));
        o.WriteLine();
        o.WriteLine("| background | slices | detect (s) | compare, detections one after the other (s) | compare, detections at once (s) | ratio | compare with the prior's findings.json (s) | ratio | registration (s) | comparison stage (s): its parts |");
        o.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var t in timings)
        {
            o.WriteLine(Invariant($"| {t.Background} | {t.Slices} | {t.Detect:0.0} | {t.CompareSequential:0.0} | {t.Compare:0.0} | {t.Compare / t.Detect:0.00} | {t.CompareWithPriorFindings:0.0} | {t.CompareWithPriorFindings / t.Detect:0.00} | {t.Registration:0.0} | {t.Comparer:0.0}: {t.Stages} |"));
        }

        var sequential = timings.Select(t => t.CompareSequential / t.Detect).OrderBy(r => r).ToList();
        var ratios = timings.Select(t => t.Compare / t.Detect).OrderBy(r => r).ToList();
        var withFindings = timings.Select(t => t.CompareWithPriorFindings / t.Detect).OrderBy(r => r).ToList();
        o.WriteLine();
        o.WriteLine(Invariant($"- compare / detect, median: {Median(ratios):0.00} as compare runs (both detections at once; {Median(sequential):0.00} one after the other), {Median(withFindings):0.00} with the prior's findings.json (target ≤ 2)"));
    }

    /// <summary>Volume of the radiologists' mask (scaled with the nodule); 0 when absent.</summary>
    private static double TrueVolume(LidcNodule? nodule)
    {
        if (nodule is null)
        {
            return 0;
        }

        long count = 0;
        foreach (short v in nodule.Mask.Voxels)
        {
            count += v != 0 ? 1 : 0;
        }

        return count * nodule.Mask.Spacing.X * nodule.Mask.Spacing.Y * nodule.Mask.Spacing.Z;
    }

    /// <summary>A pair side as "7.1 mm 190 mm³", "—" when absent, with "elsewhere" when it is not at the truth position.</summary>
    private static string Side(ComparedNodule? side, bool atTruth) => side is null ? "—"
        : Invariant($"{side.Measurement.MeanDiameterMm:0.0} mm {side.Measurement.VolumeMm3:0} mm³{(side.Source == NoduleSource.Refound ? " refound" : "")}{(atTruth ? "" : " elsewhere")}");

    /// <summary>The nodule scaled by <paramref name="factor"/> about the world origin: crop and mask keep their voxels on a
    /// grid with scaled spacing, so the shape is kept and the volume scales by factor³.</summary>
    private static LidcNodule Scaled(LidcNodule nodule, double factor)
    {
        static CtVolume Scale(CtVolume v, double f) => new(v.SizeX, v.SizeY, v.SizeZ, v.Spacing * f, v.Origin * f, v.DirectionX, v.DirectionY, v.DirectionZ, v.Voxels);
        return new LidcNodule(nodule.PatientId, Invariant($"{nodule.NoduleId}x{factor:0.000}"), nodule.Center * factor, nodule.DiameterMm * factor,
            nodule.Texture, nodule.Calcification, Scale(nodule.Crop, factor), Scale(nodule.Mask, factor));
    }

    /// <summary>Current → prior: a rotation of up to 3° about each axis and a shift of up to 12 mm along each, about the
    /// volume centre; affine pairs add a breath-hold-like scaling (z −3 … +6 %, x and y ±3 %) and a little shear.</summary>
    private static AffineTransform RandomTransform(Random random, CtVolume volume, bool affine)
    {
        double U(double a, double b) => a + ((b - a) * random.NextDouble());
        double degree = Math.PI / 180;
        var rotation = Matrix3x3.Rotation(new Vector3D(U(-3, 3), U(-3, 3), U(-3, 3)) * degree);
        var linear = affine ? rotation * new Matrix3x3(1 + U(-0.03, 0.03), U(-0.01, 0.01), 0, 0, 1 + U(-0.03, 0.03), U(-0.01, 0.01), 0, 0, 1 + U(-0.03, 0.06)) : rotation;
        var centre = volume.VoxelToWorld((volume.SizeX - 1) / 2.0, (volume.SizeY - 1) / 2.0, (volume.SizeZ - 1) / 2.0);
        return AffineTransform.AboutCentre(linear, centre, new Vector3D(U(-12, 12), U(-12, 12), U(-12, 12)));
    }

    /// <summary>The background's grid with about 6 % of the slices cut at one end (top for even pairs, bottom for odd),
    /// less if a nodule would come within 15 mm of the cut.</summary>
    private static Imaging.Processing.ImageGrid CutFieldOfView(CtVolume volume, List<Vector3D> noduleCentres, int pair)
    {
        var grid = volume.Grid;
        int cut = (int)Math.Round(0.06 * grid.SizeZ);
        double margin = 15 / grid.Spacing.Z;
        foreach (var c in noduleCentres)
        {
            double z = grid.WorldToVoxel(c).Z;
            cut = pair % 2 == 0 ? Math.Min(cut, (int)Math.Floor(grid.SizeZ - 1 - z - margin)) : Math.Min(cut, (int)Math.Floor(z - margin));
        }

        cut = Math.Max(0, cut);
        return pair % 2 == 0 ? grid.Crop(0, 0, 0, grid.SizeX, grid.SizeY, grid.SizeZ - cut) : grid.Crop(0, 0, cut, grid.SizeX, grid.SizeY, grid.SizeZ);
    }

    /// <summary>
    /// The nodules inserted as a scanner would image them: averaged over the slice's thickness (taken as the slice
    /// spacing), from insertions at sub-slice offsets about 1 mm apart. The inserter samples the nodule at each voxel
    /// centre, which on 5 mm slices would show the nodule every 5 mm and hide its size between slices.
    /// </summary>
    private static CtVolume InsertAcrossSlices(CtVolume background, IReadOnlyList<(LidcNodule Nodule, Vector3D Center)> placements)
    {
        int steps = Math.Max(1, (int)Math.Round(background.Spacing.Z));
        if (steps == 1)
        {
            return new LesionInserter().InsertAt(background, placements).Volume;
        }

        var sum = new int[background.Voxels.Length];
        for (int k = 0; k < steps; k++)
        {
            double offset = (((k + 0.5) / steps) - 0.5) * background.Spacing.Z;
            var shifted = placements.Select(p => (p.Nodule, p.Center + (background.DirectionZ * offset))).ToList();
            short[] voxels = new LesionInserter().InsertAt(background, shifted).Volume.Voxels;
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += voxels[i];
            }
        }

        var averaged = new short[sum.Length];
        for (int i = 0; i < sum.Length; i++)
        {
            averaged[i] = (short)Math.Round(sum[i] / (double)steps);
        }

        return background.WithVoxels(averaged);
    }

    /// <summary>Gaussian noise of <see cref="NoiseHu"/> on every voxel above −1000 HU (air outside the body stays air).</summary>
    private static CtVolume WithNoise(CtVolume volume, int seed)
    {
        var voxels = (short[])volume.Voxels.Clone();
        Parallel.For(0, volume.SizeZ, z =>
        {
            var random = new Random(HashCode.Combine(seed, z));
            var slice = voxels.AsSpan(z * volume.SliceLength, volume.SliceLength);
            for (int i = 0; i < slice.Length; i++)
            {
                if (slice[i] <= -1000)
                {
                    continue;
                }

                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                double noise = NoiseHu * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                slice[i] = (short)Math.Clamp(Math.Round(slice[i] + noise), -1024, 3071);
            }
        });
        return volume.WithVoxels(voxels);
    }

    private static CtVolume LoadSeries(string folder)
    {
        var scan = new DicomInputScanner().Scan(folder);
        var volume = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(SeriesSelector.Select(scan.Series).Chosen!).Volume;
        volume.ClampBelowAir();

        return volume;
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : a / (double)b;

    private static double Median(List<double> sorted) => sorted.Count == 0 ? double.NaN
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
