namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// LUNA16 FROC evaluation with the semantics of the official noduleCADEvaluationLUNA16.py: marks are matched to the
/// annotated nodules and excluded findings of their scan (see <see cref="LunaHitMatcher"/>), the FROC curve is the
/// sensitivity against the average false positives per scan over all probability thresholds, and the CPM is the mean
/// sensitivity at 1/8, 1/4, 1/2, 1, 2, 4 and 8 false positives per scan, read by linear interpolation as numpy.interp
/// does. Confidence intervals come from bootstrapping the scans.
/// </summary>
public sealed class FrocEvaluator
{
    /// <summary>The seven false-positive rates of the CPM.</summary>
    public static IReadOnlyList<double> ReferenceFalsePositiveRates { get; } = [0.125, 0.25, 0.5, 1, 2, 4, 8];

    public FrocEvaluator(FrocEvaluationOptions? options = null)
    {
        Options = options ?? new FrocEvaluationOptions();
        Validate(Options);
    }

    public FrocEvaluationOptions Options { get; }

    /// <summary>
    /// Evaluates <paramref name="predictions"/> against the reference. The scans are <paramref name="seriesUids"/> (scans
    /// with no mark count in the denominator; findings and marks of other series are ignored and counted), or, when it
    /// is null, every series named in the annotations, excluded findings or predictions.
    /// </summary>
    public FrocEvaluation Evaluate(
        IReadOnlyList<NoduleAnnotation> annotations,
        IReadOnlyList<NoduleAnnotation> excludedFindings,
        IReadOnlyList<CandidatePrediction> predictions,
        IReadOnlyList<string>? seriesUids = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(excludedFindings);
        ArgumentNullException.ThrowIfNull(predictions);
        CheckFinite(annotations, nameof(annotations));
        CheckFinite(excludedFindings, nameof(excludedFindings));
        CheckFinite(predictions);

        var scanIndex = ScanIndex(annotations, excludedFindings, predictions, seriesUids);
        int scans = scanIndex.Count;
        var nodulesByScan = GroupByScan(annotations, scanIndex, out int annotationsOutside);
        var excludedByScan = GroupByScan(excludedFindings, scanIndex, out int excludedOutside);
        var candidatesByScan = GroupByScan(predictions, scanIndex, out int predictionsOutside);

        var matcher = new LunaHitMatcher(Options.UnknownDiameterMm);
        int dropped = 0;
        for (int scan = 0; scan < scans; scan++)
        {
            var candidates = KeepMostProbable(candidatesByScan[scan], Options.MaxCandidatesPerScan, ref dropped);
            matcher.MatchScan(scan, nodulesByScan[scan], excludedByScan[scan], candidates);
        }

        var samples = matcher.ToSamples(scans);
        var bootstrap = Options.BootstrapSamples > 0
            ? FrocBootstrap.Run(samples, Options, ReferenceFalsePositiveRates, cancellationToken)
            : null;

        var curve = samples.Curve(double.NegativeInfinity);
        var points = new FrocReferencePoint[ReferenceFalsePositiveRates.Count];
        double sum = 0;
        for (int r = 0; r < points.Length; r++)
        {
            double rate = ReferenceFalsePositiveRates[r];
            double sensitivity = curve.SensitivityAt(rate);
            points[r] = new FrocReferencePoint(rate, sensitivity, bootstrap?.ReferencePoints[r]);
            sum += sensitivity;
        }

        var buckets = new SizeBucketSensitivity[Options.SizeBucketMinDiametersMm.Count];
        for (int b = 0; b < buckets.Length; b++)
        {
            double minDiameter = Options.SizeBucketMinDiametersMm[b];
            buckets[b] = new SizeBucketSensitivity(
                minDiameter,
                samples.NoduleCount(minDiameter),
                Options.SizeBucketFalsePositivesPerScan,
                samples.Curve(minDiameter).SensitivityAt(Options.SizeBucketFalsePositivesPerScan),
                bootstrap?.SizeBuckets[b]);
        }

        return new FrocEvaluation
        {
            Curve = curve,
            ReferencePoints = points,
            Cpm = sum / points.Length,
            CpmInterval = bootstrap?.Cpm,
            Band = bootstrap?.Band,
            SizeBuckets = buckets,
            OperatingPoint = Options.OperatingThreshold is { } threshold ? samples.OperatingPoint(threshold) : null,
            ScansInferred = seriesUids is null,
            Options = Options,
            Counts = new FrocEvaluationCounts
            {
                Scans = scans,
                Nodules = matcher.Nodules,
                DetectedNodules = matcher.DetectedNodules,
                ExcludedFindings = matcher.ExcludedFindings,
                Candidates = matcher.Candidates,
                HitCandidates = matcher.HitCandidates,
                FalsePositives = matcher.FalsePositives,
                IgnoredOnExcludedFindings = matcher.IgnoredOnExcludedFindings,
                DuplicateHits = matcher.DuplicateHits,
                CandidatesHittingSeveralNodules = matcher.CandidatesHittingSeveralNodules,
                CandidatesDroppedByCap = dropped,
                PredictionsOutsideScans = predictionsOutside,
                AnnotationsOutsideScans = annotationsOutside + excludedOutside,
            },
        };
    }

    private static void Validate(FrocEvaluationOptions options)
    {
        if (options.BootstrapSamples < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BootstrapSamples, "BootstrapSamples must be 0 (off) or more");
        }

        if (!(options.Confidence > 0 && options.Confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Confidence, "Confidence must lie between 0 and 1");
        }

        if (options.MaxCandidatesPerScan < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxCandidatesPerScan, "MaxCandidatesPerScan must be 0 (no cap) or more");
        }

        if (!(options.UnknownDiameterMm > 0) || !double.IsFinite(options.UnknownDiameterMm))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UnknownDiameterMm, "UnknownDiameterMm must be a positive number");
        }

        if (!(options.SizeBucketFalsePositivesPerScan > 0) || !double.IsFinite(options.SizeBucketFalsePositivesPerScan))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SizeBucketFalsePositivesPerScan, "SizeBucketFalsePositivesPerScan must be a positive number");
        }

        foreach (double diameter in options.SizeBucketMinDiametersMm)
        {
            if (!double.IsFinite(diameter))
            {
                throw new ArgumentOutOfRangeException(nameof(options), diameter, "size bucket diameters must be finite");
            }
        }

        if (options.OperatingThreshold is { } threshold && double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(options), threshold, "OperatingThreshold must be a number");
        }
    }

    private static Dictionary<string, int> ScanIndex(
        IReadOnlyList<NoduleAnnotation> annotations,
        IReadOnlyList<NoduleAnnotation> excludedFindings,
        IReadOnlyList<CandidatePrediction> predictions,
        IReadOnlyList<string>? seriesUids)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (seriesUids is not null)
        {
            foreach (string uid in seriesUids)
            {
                if (!index.TryAdd(uid, index.Count))
                {
                    throw new ArgumentException($"series '{uid}' is listed twice", nameof(seriesUids));
                }
            }
        }
        else
        {
            foreach (var annotation in annotations)
            {
                index.TryAdd(annotation.SeriesUid, index.Count);
            }

            foreach (var finding in excludedFindings)
            {
                index.TryAdd(finding.SeriesUid, index.Count);
            }

            foreach (var prediction in predictions)
            {
                index.TryAdd(prediction.SeriesUid, index.Count);
            }
        }

        if (index.Count == 0)
        {
            throw new ArgumentException("there are no scans to evaluate: the series list is empty, or no series list was given and the annotations and predictions are empty");
        }

        return index;
    }

    private static List<NoduleAnnotation>[] GroupByScan(IReadOnlyList<NoduleAnnotation> findings, Dictionary<string, int> scanIndex, out int outside)
    {
        var groups = NewGroups<NoduleAnnotation>(scanIndex.Count);
        outside = 0;
        foreach (var finding in findings)
        {
            if (scanIndex.TryGetValue(finding.SeriesUid, out int scan))
            {
                groups[scan].Add(finding);
            }
            else
            {
                outside++;
            }
        }

        return groups;
    }

    private static List<CandidatePrediction>[] GroupByScan(IReadOnlyList<CandidatePrediction> predictions, Dictionary<string, int> scanIndex, out int outside)
    {
        var groups = NewGroups<CandidatePrediction>(scanIndex.Count);
        outside = 0;
        foreach (var prediction in predictions)
        {
            if (scanIndex.TryGetValue(prediction.SeriesUid, out int scan))
            {
                groups[scan].Add(prediction);
            }
            else
            {
                outside++;
            }
        }

        return groups;
    }

    private static List<T>[] NewGroups<T>(int count)
    {
        var groups = new List<T>[count];
        for (int i = 0; i < count; i++)
        {
            groups[i] = [];
        }

        return groups;
    }

    /// <summary>
    /// The official cap: with more than <paramref name="max"/> marks, keep those scored strictly above the
    /// (max + 1)-th highest probability (so ties at that probability all go).
    /// </summary>
    private static List<CandidatePrediction> KeepMostProbable(List<CandidatePrediction> candidates, int max, ref int dropped)
    {
        if (max == 0 || candidates.Count <= max)
        {
            return candidates;
        }

        double[] probabilities = new double[candidates.Count];
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = candidates[i].Probability;
        }

        Array.Sort(probabilities);
        double cut = probabilities[probabilities.Length - 1 - max];
        var kept = new List<CandidatePrediction>(max);
        foreach (var candidate in candidates)
        {
            if (candidate.Probability > cut)
            {
                kept.Add(candidate);
            }
        }

        dropped += candidates.Count - kept.Count;
        return kept;
    }

    private static void CheckFinite(IReadOnlyList<NoduleAnnotation> findings, string parameter)
    {
        foreach (var f in findings)
        {
            if (!double.IsFinite(f.X) || !double.IsFinite(f.Y) || !double.IsFinite(f.Z) || !double.IsFinite(f.DiameterMm))
            {
                throw new ArgumentException($"finding in series '{f.SeriesUid}' has a coordinate or diameter that is not a finite number", parameter);
            }
        }
    }

    private static void CheckFinite(IReadOnlyList<CandidatePrediction> predictions)
    {
        foreach (var p in predictions)
        {
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || !double.IsFinite(p.Z) || !double.IsFinite(p.Probability))
            {
                throw new ArgumentException($"prediction in series '{p.SeriesUid}' has a coordinate or probability that is not a finite number", nameof(predictions));
            }
        }
    }
}
