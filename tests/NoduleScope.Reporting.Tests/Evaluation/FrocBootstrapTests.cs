using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Reporting.Tests.Evaluation;

public sealed class FrocBootstrapTests
{
    private static readonly SyntheticDetectorCase Case = SyntheticDetectorCase.Create(scanCount: 80, seed: 7);

    [Fact]
    public void IntervalsContainThePointEstimates()
    {
        var evaluation = Case.Evaluate(new FrocEvaluationOptions { BootstrapSamples = 500, Seed = 11 });

        var cpm = Assert.IsType<ConfidenceInterval>(evaluation.CpmInterval);
        Assert.InRange(evaluation.Cpm, cpm.Lower, cpm.Upper);
        Assert.True(cpm.Upper > cpm.Lower, "a real detector on 80 scans has some spread");
        Assert.InRange(evaluation.Cpm, 0.2, 0.95);
        foreach (var point in evaluation.ReferencePoints)
        {
            var interval = Assert.IsType<ConfidenceInterval>(point.Interval);
            Assert.InRange(point.Sensitivity, interval.Lower, interval.Upper);
        }

        foreach (var bucket in evaluation.SizeBuckets)
        {
            var interval = Assert.IsType<ConfidenceInterval>(bucket.Interval);
            Assert.InRange(bucket.Sensitivity, interval.Lower, interval.Upper);
        }

        var band = Assert.IsType<FrocConfidenceBand>(evaluation.Band);
        Assert.Equal(0.125, band.FalsePositivesPerScan[0], 1e-12);
        Assert.Equal(8, band.FalsePositivesPerScan[^1], 1e-12);
        for (int i = 0; i < band.Mean.Count; i++)
        {
            Assert.InRange(band.Mean[i], band.Lower[i], band.Upper[i]);
        }
    }

    [Fact]
    public void SameSeedSameIntervals()
    {
        var options = new FrocEvaluationOptions { BootstrapSamples = 200, Seed = 5 };

        var first = Case.Evaluate(options);
        var second = Case.Evaluate(options);
        var otherSeed = Case.Evaluate(options with { Seed = 6 });

        Assert.Equal(first.CpmInterval, second.CpmInterval);
        Assert.Equal(first.Band!.Lower, second.Band!.Lower);
        Assert.Equal(first.Cpm, otherSeed.Cpm);
        Assert.NotEqual(first.Band.Lower, otherSeed.Band!.Lower);
    }

    [Fact]
    public void IntervalsUseThePercentilesOfTheOfficialScript()
    {
        // Perfect detector: every resample has sensitivity 1 everywhere, so the interval collapses to 1.
        var nodules = Case.Nodules;
        var marks = new List<CandidatePrediction>();
        foreach (var n in nodules)
        {
            marks.Add(new CandidatePrediction(n.SeriesUid, n.X, n.Y, n.Z, 1));
        }

        var evaluation = new FrocEvaluator(new FrocEvaluationOptions { BootstrapSamples = 100 }).Evaluate(nodules, [], marks, Case.Scans);

        Assert.Equal(new ConfidenceInterval(1, 1), evaluation.CpmInterval);
    }

    [Fact]
    public void ResamplesWithoutNodulesAreLeftOut()
    {
        // One scan of three has the only nodule: about 30 % of the resamples have no nodule and say nothing.
        var evaluation = new FrocEvaluator(new FrocEvaluationOptions { BootstrapSamples = 200 }).Evaluate(
            [new NoduleAnnotation("a", 0, 0, 0, 10)],
            [],
            [new CandidatePrediction("a", 0, 0, 0, 0.9)],
            ["a", "b", "c"]);

        Assert.Equal(new ConfidenceInterval(1, 1), evaluation.CpmInterval);
    }
}
