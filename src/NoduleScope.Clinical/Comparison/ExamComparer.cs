using System.Diagnostics;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Clinical.LungRads;
using NoduleScope.Detection;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// Compares a current exam with a prior one of the same patient: registers the prior CT to the current one by the
/// lungs, maps every prior nodule into the current scan (with a local refinement around it), pairs nodules (the user's
/// pairs first, then a minimum-cost assignment within a size-dependent gate), searches the mapped place of every
/// nodule left without a partner before calling it new or resolved, then measures the change (diameter, volume, VDT,
/// growth) and re-runs the guidelines on the current exam as a follow-up round.
/// </summary>
public sealed class ExamComparer
{
    private readonly ComparisonOptions options;
    private readonly NoduleCharacterizer characterizer;
    private readonly NoduleSegmenter segmenter = new();

    public ExamComparer(ComparisonOptions? options = null, NoduleCharacterizer? characterizer = null)
    {
        this.options = options ?? new ComparisonOptions();
        this.characterizer = characterizer ?? new NoduleCharacterizer();
    }

    /// <exception cref="ArgumentException">The current exam is not later than the prior, or a user pair names a finding
    /// that does not exist.</exception>
    public ComparisonResult Compare(ComparisonExam prior, ComparisonExam current, PatientContext patient, ExamPurpose purpose, IReadOnlyList<PairOverride>? overrides = null, IProgress<string>? stage = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patient);
        double interval = current.Date.DayNumber - prior.Date.DayNumber;
        if (interval <= 0)
        {
            throw new ArgumentException($"the current exam ({current.Date:yyyy-MM-dd}) must be later than the prior exam ({prior.Date:yyyy-MM-dd})");
        }

        var priorFindings = prior.Detection.Findings;
        var currentFindings = current.Detection.Findings;
        var userPairs = UserPairs(overrides ?? [], priorFindings, currentFindings);
        var timings = new List<StageTiming>();
        var watch = Stopwatch.StartNew();

        if (options.Remeasure)
        {
            stage?.Report("re-measuring");
            prior = Remeasured(prior);
            current = Remeasured(current);
            priorFindings = prior.Detection.Findings;
            currentFindings = current.Detection.Findings;
            timings.Add(new StageTiming("re-measuring", watch.Elapsed.TotalSeconds));
            watch.Restart();
        }

        stage?.Report("registration");
        var registration = new LungRegistration(options.Registration).Register(current.Volume, current.Detection.Lungs, prior.Volume, prior.Detection.Lungs, cancellationToken);
        timings.Add(new StageTiming("registration", watch.Elapsed.TotalSeconds));

        watch.Restart();
        stage?.Report("characterisation");
        var examCharacterizer = new ExamCharacterizer(characterizer);
        var priorAssessment = examCharacterizer.Assess(prior.Volume, prior.Detection, patient, purpose);
        var currentBaseline = examCharacterizer.Assess(current.Volume, current.Detection, patient, purpose);
        timings.Add(new StageTiming("characterisation", watch.Elapsed.TotalSeconds));

        watch.Restart();
        stage?.Report("matching");
        var context = new MatchingContext(this, prior, current, registration);
        var priorSides = new List<ComparedNodule>(priorFindings.Count);
        var priorLocal = new LocalSearchResult?[priorFindings.Count];
        for (int j = 0; j < priorFindings.Count; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var f = priorFindings[j];
            (var mapped, priorLocal[j]) = context.ToCurrent(f.Center);
            priorSides.Add(new ComparedNodule(f.Id, mapped, f.Segmentation, priorAssessment.Nodules[j].Characterization, NoduleSource.Finding, f.Probability));
        }

        var currentSides = new List<ComparedNodule>(currentFindings.Count);
        for (int i = 0; i < currentFindings.Count; i++)
        {
            var f = currentFindings[i];
            currentSides.Add(new ComparedNodule(f.Id, f.Center, f.Segmentation, currentBaseline.Nodules[i].Characterization, NoduleSource.Finding, f.Probability));
        }

        // partnerOfCurrent[i] = index into priorSides (which grows with refound prior nodules), or −1.
        var partnerOfCurrent = Enumerable.Repeat(-1, currentSides.Count).ToList();
        var method = Enumerable.Repeat(MatchMethod.Unpaired, currentSides.Count).ToList();
        var currentLocal = new List<LocalSearchResult?>(new LocalSearchResult?[currentSides.Count]);
        var priorPaired = new bool[priorSides.Count];
        var keepCurrentUnpaired = new bool[currentSides.Count];
        var keepPriorUnpaired = new bool[priorSides.Count];
        foreach (var (c, p) in userPairs)
        {
            if (c >= 0 && p >= 0)
            {
                partnerOfCurrent[c] = p;
                method[c] = MatchMethod.User;
                priorPaired[p] = true;
            }
            else if (c >= 0)
            {
                keepCurrentUnpaired[c] = true;
            }
            else
            {
                keepPriorUnpaired[p] = true;
            }
        }

        AutoMatch(currentSides, priorSides, partnerOfCurrent, method, priorPaired, keepCurrentUnpaired, keepPriorUnpaired);

        // Current nodules without a partner: is the nodule on the prior scan after all?
        for (int i = 0; i < currentSides.Count; i++)
        {
            if (partnerOfCurrent[i] >= 0 || keepCurrentUnpaired[i])
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var (expected, local) = context.ToPrior(currentSides[i].Center);
            currentLocal[i] = local;
            var found = context.Refind(prior, expected, currentSides[i].Measurement.MeanDiameterMm, priorSides);
            if (found is { } f)
            {
                f = (Remeasure(prior.Volume, f.Segmentation), f.Probability);
                var (mapped, _) = context.ToCurrent(f.Segmentation.Measurement.Centroid, local);
                priorSides.Add(new ComparedNodule(null, mapped, f.Segmentation, context.Characterize(prior, f.Segmentation), NoduleSource.Refound, f.Probability));
                partnerOfCurrent[i] = priorSides.Count - 1;
                method[i] = MatchMethod.RefoundOnPrior;
            }
        }

        // Prior nodules without a partner: is the nodule on the current scan after all?
        var currentExtra = new List<DetectedNodule>();
        for (int j = 0; j < priorFindings.Count; j++)
        {
            if (priorPaired[j] || keepPriorUnpaired[j])
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var found = context.Refind(current, priorSides[j].CenterInCurrent, priorSides[j].Measurement.MeanDiameterMm, currentSides);
            if (found is { } f)
            {
                f = (Remeasure(current.Volume, f.Segmentation), f.Probability);
                var m = f.Segmentation.Measurement;
                int id = NextId(currentFindings) + currentExtra.Count;
                currentExtra.Add(new DetectedNodule(id, m.Centroid, f.Probability ?? 0, m, current.Detection.Lungs.LungAt(m.Centroid), f.Segmentation));
                currentSides.Add(new ComparedNodule(id, m.Centroid, f.Segmentation, context.Characterize(current, f.Segmentation), NoduleSource.Refound, f.Probability));
                partnerOfCurrent.Add(j);
                method.Add(MatchMethod.RefoundOnCurrent);
                currentLocal.Add(priorLocal[j]);
                priorPaired[j] = true;
            }
        }

        timings.Add(new StageTiming("matching", watch.Elapsed.TotalSeconds));

        watch.Restart();
        stage?.Report("change and guidance");
        var followUpInputs = new List<(NoduleCharacterization, NoduleAssessmentInput)>(currentSides.Count);
        for (int i = 0; i < currentSides.Count; i++)
        {
            var side = currentSides[i];
            var input = ClinicalAssessor.Input(side.Measurement, side.Characterization);
            input = partnerOfCurrent[i] >= 0
                ? input with { Prior = PriorMeasurement(priorSides[partnerOfCurrent[i]], interval) }
                : input with { NewSincePrior = true };
            followUpInputs.Add((side.Characterization, input));
        }

        var followUp = ClinicalAssessor.AssessInputs(followUpInputs, patient, new ExamContext { NoduleCount = currentSides.Count, Round = ExamRound.FollowUp, Purpose = purpose });
        var pairs = new List<NodulePair>();
        for (int i = 0; i < currentSides.Count; i++)
        {
            var assessment = followUp.Nodules[i];
            if (partnerOfCurrent[i] < 0)
            {
                double unlikely = 1 - context.BestConfidence(currentSides[i].Center, currentSides[i].Measurement.MeanDiameterMm, priorSides);
                pairs.Add(new NodulePair(pairs.Count + 1, PairStatus.New, null, currentSides[i], new PairMatch(MatchMethod.Unpaired, null, unlikely, currentLocal[i]),
                    null, assessment.LungRads, FleischnerFollowUp.Step(assessment.Fleischner, PairStatus.New)));
                continue;
            }

            var priorSide = priorSides[partnerOfCurrent[i]];
            var local = partnerOfCurrent[i] < priorLocal.Length ? priorLocal[partnerOfCurrent[i]] : currentLocal[i];
            var volumes = options.PartialVolumeCorrection
                ? RegisteredVolumetry.Measure(prior.Volume, priorSide, current.Volume, currentSides[i], AffineTransform.Shift(context.UsableShift(local)).Then(registration.CurrentToPrior))
                : new PairVolumes(priorSide.Measurement.VolumeMm3, currentSides[i].Measurement.VolumeMm3, "mask voxels", null);
            var change = NoduleChangeAssessor.Assess(ClinicalAssessor.Input(priorSide.Measurement, priorSide.Characterization), assessment.Input, volumes, interval, options.Readers);
            var status = StatusOf(assessment.LungRads, change, priorSide.Characterization.Type, currentSides[i].Characterization.Type);
            double distance = (currentSides[i].Center - priorSide.CenterInCurrent).Length;
            double confidence = method[i] == MatchMethod.User ? 1
                : options.Matching.Confidence(distance, currentSides[i].Measurement.MeanDiameterMm, priorSide.Measurement.MeanDiameterMm);
            pairs.Add(new NodulePair(pairs.Count + 1, status, priorSide, currentSides[i], new PairMatch(method[i], distance, confidence, local),
                change, assessment.LungRads, FleischnerFollowUp.Step(assessment.Fleischner, status)));
        }

        for (int j = 0; j < priorFindings.Count; j++)
        {
            if (!priorPaired[j])
            {
                double unlikely = 1 - context.BestConfidence(priorSides[j].CenterInCurrent, priorSides[j].Measurement.MeanDiameterMm, currentSides);
                pairs.Add(new NodulePair(pairs.Count + 1, PairStatus.Resolved, priorSides[j], null, new PairMatch(MatchMethod.Unpaired, null, unlikely, priorLocal[j]),
                    null, null, FleischnerFollowUp.Resolved()));
            }
        }

        FleischnerFollowUpStep? examStep = followUp.FleischnerNoduleIndex is { } worst ? pairs[worst].Fleischner : null;
        timings.Add(new StageTiming("change and guidance", watch.Elapsed.TotalSeconds));
        return new ComparisonResult(registration, interval, pairs, priorFindings, priorAssessment, [.. currentFindings, .. currentExtra], followUp, examStep, timings, registration.Warnings);
    }

    /// <summary>The user's pairs as (current index, prior index), −1 for a side left unpaired.</summary>
    private static List<(int Current, int Prior)> UserPairs(IReadOnlyList<PairOverride> overrides, IReadOnlyList<DetectedNodule> priorFindings, IReadOnlyList<DetectedNodule> currentFindings)
    {
        static int IndexOf(IReadOnlyList<DetectedNodule> findings, int id, string exam)
        {
            for (int i = 0; i < findings.Count; i++)
            {
                if (findings[i].Id == id)
                {
                    return i;
                }
            }

            throw new ArgumentException($"pairs: the {exam} exam has no finding {id} (its findings are {(findings.Count == 0 ? "none" : string.Join(", ", findings.Select(f => f.Id)))})");
        }

        var result = new List<(int, int)>();
        var priors = new HashSet<int>();
        var currents = new HashSet<int>();
        foreach (var o in overrides)
        {
            if (o.PriorId is null && o.CurrentId is null)
            {
                throw new ArgumentException("pairs: a pair must name a prior or a current finding");
            }

            int p = o.PriorId is { } priorId ? IndexOf(priorFindings, priorId, "prior") : -1;
            int c = o.CurrentId is { } currentId ? IndexOf(currentFindings, currentId, "current") : -1;
            if ((p >= 0 && !priors.Add(p)) || (c >= 0 && !currents.Add(c)))
            {
                throw new ArgumentException("pairs: a finding is named in two pairs");
            }

            result.Add((c, p));
        }

        return result;
    }

    private void AutoMatch(List<ComparedNodule> currentSides, List<ComparedNodule> priorSides, List<int> partnerOfCurrent, List<MatchMethod> method, bool[] priorPaired, bool[] keepCurrentUnpaired, bool[] keepPriorUnpaired)
    {
        var currentIndex = new List<int>();
        var priorIndex = new List<int>();
        for (int i = 0; i < currentSides.Count; i++)
        {
            if (partnerOfCurrent[i] < 0 && !keepCurrentUnpaired[i])
            {
                currentIndex.Add(i);
            }
        }

        for (int j = 0; j < priorSides.Count; j++)
        {
            if (!priorPaired[j] && !keepPriorUnpaired[j])
            {
                priorIndex.Add(j);
            }
        }

        var matches = NoduleMatcher.Match(
            currentIndex.Select(i => (currentSides[i].Center, currentSides[i].Measurement.MeanDiameterMm)).ToList(),
            priorIndex.Select(j => (priorSides[j].CenterInCurrent, priorSides[j].Measurement.MeanDiameterMm)).ToList(),
            options.Matching);
        foreach (var (c, p) in matches)
        {
            partnerOfCurrent[currentIndex[c]] = priorIndex[p];
            method[currentIndex[c]] = MatchMethod.Automatic;
            priorPaired[priorIndex[p]] = true;
        }
    }

    private PriorNoduleMeasurement PriorMeasurement(ComparedNodule prior, double interval)
    {
        var input = ClinicalAssessor.Input(prior.Measurement, prior.Characterization);
        // The solid component of a solid nodule is the whole nodule (needed when it has become part-solid).
        bool solid = prior.Characterization.Type == NoduleType.Solid;
        return new PriorNoduleMeasurement
        {
            IntervalDays = interval,
            Type = prior.Characterization.Type,
            MeanDiameterMm = input.MeanDiameterMm,
            VolumeMm3 = input.VolumeMm3,
            SolidComponentMeanDiameterMm = solid ? input.MeanDiameterMm : input.SolidComponentMeanDiameterMm,
            SolidComponentVolumeMm3 = solid ? input.VolumeMm3 : input.SolidComponentVolumeMm3,
            Readers = options.Readers,
        };
    }

    /// <summary>The exam with every finding segmented again by <see cref="Remeasure"/>.</summary>
    private ComparisonExam Remeasured(ComparisonExam exam)
    {
        var findings = exam.Detection.Findings;
        var remeasured = new DetectedNodule[findings.Count];
        Parallel.For(0, findings.Count, i =>
        {
            var f = findings[i];
            var segmentation = Remeasure(exam.Volume, f.Segmentation);
            var m = segmentation.Measurement;
            remeasured[i] = f with { Center = m.Centroid, Measurement = m, Segmentation = segmentation, Lung = exam.Detection.Lungs.LungAt(m.Centroid) };
        });
        return exam with { Detection = exam.Detection with { Findings = remeasured } };
    }

    /// <summary>
    /// The nodule segmented at its centre with growing trial radii (<see cref="NoduleSegmenter.SegmentAt"/>), so both exams
    /// are measured the same way whatever radius the detector's candidate suggested; the original when that finds
    /// nothing or another object.
    /// </summary>
    private NoduleSegmentation Remeasure(CtVolume volume, NoduleSegmentation original)
    {
        if (!options.Remeasure)
        {
            return original;
        }

        var m = original.Measurement;
        var again = segmenter.SegmentAt(volume, m.Centroid);
        return again is not null && (again.Measurement.Centroid - m.Centroid).Length <= Math.Max(3, m.MeanDiameterMm / 2) ? again : original;
    }

    private static int NextId(IReadOnlyList<DetectedNodule> findings)
    {
        int max = 0;
        foreach (var f in findings)
        {
            max = Math.Max(max, f.Id);
        }

        return max + 1;
    }

    /// <summary>The change's growth call; for a part-solid nodule (on both exams) also Lung-RADS' growth of the solid
    /// component, which the whole-nodule volume does not show.</summary>
    private static PairStatus StatusOf(LungRadsNoduleResult lungRads, NoduleChange change, NoduleType priorType, NoduleType currentType) =>
        change.Call == Growth.GrowthCall.Growing
            || (priorType == NoduleType.PartSolid && currentType == NoduleType.PartSolid && lungRads.SolidComponentGrowth?.Call == Growth.GrowthCall.Growing)
            ? PairStatus.Growing
        : change.Call == Growth.GrowthCall.SlowGrowth ? PairStatus.SlowGrowing
        : change.Call == Growth.GrowthCall.NotAssessed ? PairStatus.NotAssessed
        : change.BeyondNoise == NoiseBoundChange.Decreased ? PairStatus.Shrinking
        : PairStatus.Stable;

    /// <summary>Mapping points between the scans, refinding and characterising, for one comparison.</summary>
    private sealed class MatchingContext(ExamComparer owner, ComparisonExam prior, ComparisonExam current, ScanRegistration registration)
    {
        private readonly NoduleRefinder refinder = new(owner.options.Refind, owner.options.Matching);
        private readonly Dictionary<ComparisonExam, LobeLocator> locators = [];

        /// <summary>A prior point in the current scan: through the registration, then corrected by the local search
        /// around it (or by <paramref name="local"/>, one already made nearby).</summary>
        public (Vector3D Point, LocalSearchResult? Local) ToCurrent(Vector3D priorPoint, LocalSearchResult? local = null)
        {
            var start = registration.PriorToCurrent.Apply(priorPoint);
            local ??= Search(start);
            return (start - Shift(local), local);
        }

        /// <summary>A current point in the prior scan: the current point x corresponds to prior T(x + shift).</summary>
        public (Vector3D Point, LocalSearchResult? Local) ToPrior(Vector3D currentPoint)
        {
            var local = Search(currentPoint);
            return (registration.CurrentToPrior.Apply(currentPoint + Shift(local)), local);
        }

        public (NoduleSegmentation Segmentation, double? Probability)? Refind(ComparisonExam exam, Vector3D expected, double partnerDiameterMm, IReadOnlyList<ComparedNodule> existing) =>
            refinder.Find(exam.Volume, exam.Detection, expected, partnerDiameterMm, existing.Select(n => n.Measurement).ToList());

        public NoduleCharacterization Characterize(ComparisonExam exam, NoduleSegmentation segmentation)
        {
            if (!locators.TryGetValue(exam, out var locator))
            {
                locator = new LobeLocator(exam.Detection.Lungs);
                locators[exam] = locator;
            }

            return owner.characterizer.Characterize(exam.Volume, segmentation, locator);
        }

        /// <summary>The highest pairing confidence of a nodule with any nodule of the other exam (given in the current frame).</summary>
        public double BestConfidence(Vector3D centreInCurrent, double diameterMm, IReadOnlyList<ComparedNodule> others)
        {
            double best = 0;
            foreach (var other in others)
            {
                best = Math.Max(best, owner.options.Matching.Confidence((other.CenterInCurrent - centreInCurrent).Length, diameterMm, other.Measurement.MeanDiameterMm));
            }

            return best;
        }

        private LocalSearchResult Search(Vector3D currentPoint) =>
            LocalTranslationSearch.Search(current.Volume, prior.Volume, registration.CurrentToPrior, currentPoint, owner.options.LocalSearch);

        public Vector3D UsableShift(LocalSearchResult? local) => Shift(local);

        private Vector3D Shift(LocalSearchResult? local) =>
            local is { AtSearchBorder: false } l && l.Correlation >= owner.options.MinLocalCorrelation ? l.ShiftMm : Vector3D.Zero;
    }
}
