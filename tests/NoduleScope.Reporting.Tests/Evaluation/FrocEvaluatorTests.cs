using NoduleScope.Reporting.Evaluation;
using static NoduleScope.Reporting.Tests.Evaluation.Finding;

namespace NoduleScope.Reporting.Tests.Evaluation;

public sealed class FrocEvaluatorTests
{
    private const double Tolerance = 1e-12;

    /// <summary>
    /// Two scans, three nodules, five marks. Scan s1: N1 (0,0,0) 10 mm hit by marks at 0.9 and 0.6 (one hit, score 0.9),
    /// N2 (50,0,0) 6 mm missed, a false positive at 0.8. Scan s2: N3 (0,0,0) 8 mm hit at 0.7, a false positive at 0.5.
    /// Curve (FPs/scan, sensitivity): (0,0) (0,1/3) (0.5,1/3) (0.5,2/3) (1,2/3). Sensitivity 1/3 at 1/8 and 1/4, 2/3 from
    /// 1/2 on (at 0.5 the upper point of the jump counts, as numpy.interp reads it), so CPM = (2/3 + 10/3) / 7 = 4/7.
    /// </summary>
    [Fact]
    public void HandComputedTwoScanCase()
    {
        var evaluation = Evaluate(TwoScanNodules(), [], TwoScanMarks(), ["s1", "s2"]);

        double[] expected = [1 / 3.0, 1 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], evaluation.ReferencePoints[i].Sensitivity, Tolerance);
        }

        Assert.Equal(4 / 7.0, evaluation.Cpm, Tolerance);
        Assert.Equal([0, 0, 0.5, 0.5, 1], evaluation.Curve.FalsePositivesPerScan);
        Assert.Equal([0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 2 / 3.0], evaluation.Curve.Sensitivity);
        Assert.Equal([double.PositiveInfinity, 0.9, 0.8, 0.7, 0.5], evaluation.Curve.Thresholds);
        var c = evaluation.Counts;
        Assert.Equal((2, 3, 2, 5, 3, 2, 1, 0), (c.Scans, c.Nodules, c.DetectedNodules, c.Candidates, c.HitCandidates, c.FalsePositives, c.DuplicateHits, c.IgnoredOnExcludedFindings));
    }

    [Fact]
    public void InterpolatesBetweenPointsLikeNumpy()
    {
        // One scan: a hit and a false positive with the same probability form one diagonal step (0,0) -> (1,1).
        var evaluation = Evaluate([Nodule("s", 0, 0, 0, 10)], [], [Mark("s", 0, 0, 0, 0.5), Mark("s", 90, 0, 0, 0.5)], ["s"]);

        Assert.Equal(0.125, evaluation.ReferencePoints[0].Sensitivity, Tolerance);
        Assert.Equal(0.25, evaluation.ReferencePoints[1].Sensitivity, Tolerance);
        Assert.Equal(0.5, evaluation.ReferencePoints[2].Sensitivity, Tolerance);
        Assert.Equal(1.0, evaluation.ReferencePoints[3].Sensitivity, Tolerance);
        Assert.Equal((0.125 + 0.25 + 0.5 + 4) / 7, evaluation.Cpm, Tolerance);
        Assert.Equal(1.0, evaluation.Curve.SensitivityAt(100));
    }

    [Theory]
    [InlineData(4.999, 0, 0, true)]
    [InlineData(5, 0, 0, false)]
    [InlineData(3, 4, 0, false)]
    [InlineData(0, 0, -4.9, true)]
    [InlineData(0, 3, 3.99, true)]
    public void HitRadiusIsStrictlyInsideHalfTheDiameter(double x, double y, double z, bool hit)
    {
        var evaluation = Evaluate([Nodule("s", 0, 0, 0, 10)], [], [Mark("s", x, y, z, 0.5)], ["s"]);

        Assert.Equal(hit ? 1 : 0, evaluation.Counts.DetectedNodules);
        Assert.Equal(hit ? 0 : 1, evaluation.Counts.FalsePositives);
        Assert.Equal(hit ? 1.0 : 0.0, evaluation.Cpm, Tolerance);
    }

    [Fact]
    public void SeveralHitsOnOneNoduleCountOnceWithTheHighestProbability()
    {
        var evaluation = Evaluate(
            [Nodule("s", 0, 0, 0, 10)],
            [],
            [Mark("s", 1, 0, 0, 0.2), Mark("s", 0, 1, 0, 0.7), Mark("s", 0, 0, 1, 0.4)],
            ["s"]);

        Assert.Equal(1, evaluation.Counts.DetectedNodules);
        Assert.Equal(3, evaluation.Counts.HitCandidates);
        Assert.Equal(2, evaluation.Counts.DuplicateHits);
        Assert.Equal(0, evaluation.Counts.FalsePositives);
        Assert.Equal([double.PositiveInfinity, 0.7], evaluation.Curve.Thresholds);
        Assert.Equal(1.0, evaluation.Cpm, Tolerance);
    }

    [Fact]
    public void MarkInsideTwoNodulesCountsForBoth()
    {
        // As in the official script ("CAD mark detected two nodules"): the mark is a hit on each nodule it lies in.
        var evaluation = Evaluate([Nodule("s", 0, 0, 0, 10), Nodule("s", 6, 0, 0, 10)], [], [Mark("s", 3, 0, 0, 0.6)], ["s"]);

        Assert.Equal(2, evaluation.Counts.DetectedNodules);
        Assert.Equal(1, evaluation.Counts.CandidatesHittingSeveralNodules);
        Assert.Equal(0, evaluation.Counts.FalsePositives);
        Assert.Equal(1.0, evaluation.Cpm, Tolerance);
    }

    [Fact]
    public void MarksOnExcludedFindingsAreIgnored()
    {
        NoduleAnnotation[] excluded = [Nodule("s", 40, 0, 0, 4), Nodule("s", 100, 0, 0, -1)];
        CandidatePrediction[] marks =
        [
            Mark("s", 0, 0, 0, 0.3),   // the nodule
            Mark("s", 41, 0, 0, 0.9),  // inside the 4 mm excluded finding
            Mark("s", 104, 0, 0, 0.9), // inside the default 10 mm of the finding with diameter -1
            Mark("s", 106, 0, 0, 0.2), // outside both: a false positive
        ];

        var evaluation = Evaluate([Nodule("s", 0, 0, 0, 10)], excluded, marks, ["s"]);

        Assert.Equal(2, evaluation.Counts.IgnoredOnExcludedFindings);
        Assert.Equal(1, evaluation.Counts.FalsePositives);
        Assert.Equal(2, evaluation.Counts.ExcludedFindings);
        // The two ignored marks outrank the hit but do not push it right: sensitivity 1 at 0 FPs/scan.
        Assert.Equal(1.0, evaluation.Cpm, Tolerance);

        var withoutExcluded = Evaluate([Nodule("s", 0, 0, 0, 10)], [], marks, ["s"]);
        Assert.Equal(3, withoutExcluded.Counts.FalsePositives);
        Assert.True(withoutExcluded.Cpm < 1.0);
    }

    [Fact]
    public void MarkOnANoduleAndAnExcludedFindingIsAHit()
    {
        var evaluation = Evaluate([Nodule("s", 0, 0, 0, 10)], [Nodule("s", 1, 0, 0, 10)], [Mark("s", 0.5, 0, 0, 0.5)], ["s"]);

        Assert.Equal(1, evaluation.Counts.DetectedNodules);
        Assert.Equal(0, evaluation.Counts.IgnoredOnExcludedFindings);
    }

    [Fact]
    public void ScansWithoutMarksCountInTheDenominator()
    {
        NoduleAnnotation[] nodules = [Nodule("a", 0, 0, 0, 10)];
        CandidatePrediction[] marks = [Mark("a", 50, 0, 0, 0.9), Mark("a", 60, 0, 0, 0.8), Mark("a", 0, 0, 0, 0.7)];

        // Four scans: the two false positives are 0.5 per scan, so the nodule comes in at 1/2.
        var listed = Evaluate(nodules, [], marks, ["a", "b", "c", "d"]);
        Assert.Equal(4, listed.Counts.Scans);
        Assert.Equal([0, 0, 1, 1, 1, 1, 1], Sensitivities(listed));
        Assert.Equal(5 / 7.0, listed.Cpm, Tolerance);

        // With no list the scans are those named in the files: one scan, two false positives per scan.
        var inferred = Evaluate(nodules, [], marks, null);
        Assert.True(inferred.ScansInferred);
        Assert.Equal(1, inferred.Counts.Scans);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1], Sensitivities(inferred));
        Assert.Equal(3 / 7.0, inferred.Cpm, Tolerance);
    }

    [Fact]
    public void FindingsAndMarksOfUnlistedSeriesAreIgnoredAndCounted()
    {
        var evaluation = Evaluate(
            [Nodule("a", 0, 0, 0, 10), Nodule("z", 0, 0, 0, 10)],
            [Nodule("z", 9, 9, 9, 5)],
            [Mark("a", 0, 0, 0, 0.9), Mark("z", 50, 0, 0, 0.9)],
            ["a"]);

        Assert.Equal(1, evaluation.Counts.Nodules);
        Assert.Equal(0, evaluation.Counts.FalsePositives);
        Assert.Equal(1, evaluation.Counts.PredictionsOutsideScans);
        Assert.Equal(2, evaluation.Counts.AnnotationsOutsideScans);
        Assert.Equal(1.0, evaluation.Cpm, Tolerance);
    }

    [Fact]
    public void PerfectDetectorHasCpmOne()
    {
        var nodules = TwoScanNodules();
        var marks = new List<CandidatePrediction>();
        foreach (var n in nodules)
        {
            marks.Add(Mark(n.SeriesUid, n.X, n.Y, n.Z, 0.99));
        }

        var evaluation = Evaluate(nodules, [], marks, ["s1", "s2", "s3"]);

        Assert.Equal(1.0, evaluation.Cpm);
        Assert.All(evaluation.ReferencePoints, p => Assert.Equal(1.0, p.Sensitivity));
        Assert.Equal(0, evaluation.Counts.FalsePositives);
    }

    [Fact]
    public void EmptyPredictionsHaveCpmZero()
    {
        var evaluation = Evaluate(TwoScanNodules(), [], [], ["s1", "s2"]);

        Assert.Equal(0.0, evaluation.Cpm);
        Assert.Equal(0, evaluation.Counts.DetectedNodules);
        Assert.Equal(1, evaluation.Curve.Count);
    }

    [Fact]
    public void OnlyFalsePositivesHaveCpmZero()
    {
        var evaluation = Evaluate(TwoScanNodules(), [], [Mark("s1", 200, 0, 0, 0.9), Mark("s2", 200, 0, 0, 0.1)], ["s1", "s2"]);

        Assert.Equal(0.0, evaluation.Cpm);
    }

    [Fact]
    public void NoNodulesLeavesTheSensitivityUndefined()
    {
        var evaluation = Evaluate([], [], [Mark("s", 0, 0, 0, 0.5)], ["s"]);

        Assert.True(double.IsNaN(evaluation.Cpm));
        Assert.Equal(1, evaluation.Counts.FalsePositives);
    }

    [Fact]
    public void CapKeepsTheMostProbableMarksAsTheOfficialScript()
    {
        // Cap 2 with probabilities 0.9, 0.8, 0.8, 0.1: the third highest is 0.8, so only marks above 0.8 stay.
        var options = Finding.NoBootstrap with { MaxCandidatesPerScan = 2 };
        CandidatePrediction[] marks = [Mark("s", 0, 0, 0, 0.1), Mark("s", 50, 0, 0, 0.8), Mark("s", 60, 0, 0, 0.9), Mark("s", 70, 0, 0, 0.8)];

        var evaluation = new FrocEvaluator(options).Evaluate([Nodule("s", 0, 0, 0, 10)], [], marks, ["s"]);

        Assert.Equal(1, evaluation.Counts.Candidates);
        Assert.Equal(3, evaluation.Counts.CandidatesDroppedByCap);
        Assert.Equal(0, evaluation.Counts.DetectedNodules);

        var uncapped = new FrocEvaluator(Finding.NoBootstrap with { MaxCandidatesPerScan = 0 }).Evaluate([Nodule("s", 0, 0, 0, 10)], [], marks, ["s"]);
        Assert.Equal(4, uncapped.Counts.Candidates);
        Assert.Equal(1, uncapped.Counts.DetectedNodules);
    }

    [Fact]
    public void SizeBucketsCountOnlyTheirNodulesAndIgnoreHitsOnSmallerOnes()
    {
        // One scan: a 4 mm nodule hit at 0.9, five false positives at 0.8, an 8 mm nodule hit at 0.5.
        var marks = new List<CandidatePrediction> { Mark("s", 0, 0, 0, 0.9), Mark("s", 50, 0, 0, 0.5) };
        for (int i = 0; i < 5; i++)
        {
            marks.Add(Mark("s", 100 + (10 * i), 0, 0, 0.8));
        }

        var options = Finding.NoBootstrap with { SizeBucketMinDiametersMm = [3, 6, 10], SizeBucketFalsePositivesPerScan = 4 };
        var evaluation = new FrocEvaluator(options).Evaluate([Nodule("s", 0, 0, 0, 4), Nodule("s", 50, 0, 0, 8)], [], marks, ["s"]);

        var b3 = evaluation.SizeBuckets[0];
        var b6 = evaluation.SizeBuckets[1];
        var b10 = evaluation.SizeBuckets[2];
        Assert.Equal((3.0, 2, 0.5), (b3.MinDiameterMm, b3.NoduleCount, b3.Sensitivity));
        Assert.Equal((6.0, 1, 0.0), (b6.MinDiameterMm, b6.NoduleCount, b6.Sensitivity));
        Assert.Equal(0, b10.NoduleCount);
        Assert.True(double.IsNaN(b10.Sensitivity));

        // Before the false positives, the 8 mm nodule alone: its bucket reaches 1 at 0 FPs/scan.
        marks[1] = Mark("s", 50, 0, 0, 0.95);
        var early = new FrocEvaluator(options).Evaluate([Nodule("s", 0, 0, 0, 4), Nodule("s", 50, 0, 0, 8)], [], marks, ["s"]);
        Assert.Equal(1.0, early.SizeBuckets[1].Sensitivity);
        Assert.Equal(1.0, early.SizeBuckets[0].Sensitivity);
    }

    [Fact]
    public void OperatingPointAtAThreshold()
    {
        var options = Finding.NoBootstrap with { OperatingThreshold = 0.75 };

        var evaluation = new FrocEvaluator(options).Evaluate(TwoScanNodules(), [], TwoScanMarks(), ["s1", "s2"]);

        var op = Assert.IsType<ThresholdOperatingPoint>(evaluation.OperatingPoint);
        Assert.Equal((0.75, 1, 3, 1, 0.5), (op.Threshold, op.DetectedNodules, op.NoduleCount, op.FalsePositives, op.FalsePositivesPerScan));
        Assert.Equal(1 / 3.0, op.Sensitivity, Tolerance);

        var inclusive = new FrocEvaluator(Finding.NoBootstrap with { OperatingThreshold = 0.7 }).Evaluate(TwoScanNodules(), [], TwoScanMarks(), ["s1", "s2"]);
        Assert.Equal(2, inclusive.OperatingPoint!.DetectedNodules);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrocEvaluator(new FrocEvaluationOptions { Confidence = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrocEvaluator(new FrocEvaluationOptions { BootstrapSamples = -1 }));
        var evaluator = new FrocEvaluator(Finding.NoBootstrap);
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([], [], [], null));
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([], [], [], ["a", "a"]));
        Assert.Throws<ArgumentException>(() => evaluator.Evaluate([], [], [Mark("a", double.NaN, 0, 0, 1)], ["a"]));
    }

    internal static NoduleAnnotation[] TwoScanNodules() =>
        [Nodule("s1", 0, 0, 0, 10), Nodule("s1", 50, 0, 0, 6), Nodule("s2", 0, 0, 0, 8)];

    internal static CandidatePrediction[] TwoScanMarks() =>
    [
        Mark("s1", 1, 0, 0, 0.9),
        Mark("s1", 0, 2, 0, 0.6),
        Mark("s1", 100, 0, 0, 0.8),
        Mark("s2", 0, 0, 3, 0.7),
        Mark("s2", 30, 0, 0, 0.5),
    ];

    private static FrocEvaluation Evaluate(
        IReadOnlyList<NoduleAnnotation> nodules,
        IReadOnlyList<NoduleAnnotation> excluded,
        IReadOnlyList<CandidatePrediction> marks,
        IReadOnlyList<string>? scans) =>
        new FrocEvaluator(Finding.NoBootstrap).Evaluate(nodules, excluded, marks, scans);

    private static double[] Sensitivities(FrocEvaluation evaluation)
    {
        double[] values = new double[evaluation.ReferencePoints.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = evaluation.ReferencePoints[i].Sensitivity;
        }

        return values;
    }
}
