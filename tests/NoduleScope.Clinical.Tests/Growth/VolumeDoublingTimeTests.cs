using NoduleScope.Clinical.Growth;

namespace NoduleScope.Clinical.Tests.Growth;

public sealed class VolumeDoublingTimeTests
{
    private static VolumeDoublingTimeResult Assess(double priorMm3, double currentMm3, double days) =>
        VolumeDoublingTime.Assess(new VolumeDoublingTimeInput
        {
            PriorVolumeMm3 = priorMm3, CurrentVolumeMm3 = currentMm3, IntervalDays = days,
        });

    [Fact]
    public void DoublingTimeIsLn2TimesIntervalOverLnOfTheVolumeRatio()
    {
        var result = Assess(300, 500, 180);
        Assert.Equal(NoduleSizes.RoundToTenth(Math.Log(2) * 180 / Math.Log(500.0 / 300)), result.DoublingTimeDays);
        Assert.Equal(VolumeTrend.Growing, result.Trend);
        Assert.Equal(500.0 / 300, result.VolumeRatio, 12);
        Assert.Equal(66.666667, result.VolumeChangePercent, 5);
    }

    [Theory]
    [InlineData(29.9, BtsVolumeReading.SuggestsInfectionOrInflammation)]
    [InlineData(30, BtsVolumeReading.Suspicious)]
    [InlineData(400, BtsVolumeReading.Suspicious)]
    [InlineData(400.1, BtsVolumeReading.BiopsyOrSurveillance)]
    [InlineData(600, BtsVolumeReading.BiopsyOrSurveillance)]
    [InlineData(600.1, BtsVolumeReading.ConsiderStoppingSurveillance)]
    public void BtsReadingOfTheDoublingTime(double days, BtsVolumeReading expected)
    {
        var result = Assess(100, 200, days); // doubled: VDT = interval
        Assert.Equal(days, result.DoublingTimeDays);
        Assert.Equal(expected, result.Reading);
    }

    [Theory]
    [InlineData(124, BtsVolumeReading.Stable)]
    [InlineData(125, BtsVolumeReading.ConsiderStoppingSurveillance)] // +25 % in 365 days: VDT 1133.8 days
    [InlineData(76, BtsVolumeReading.Stable)]
    [InlineData(75, BtsVolumeReading.Decreased)]
    public void ChangeUnder25PercentIsStable(double currentMm3, BtsVolumeReading expected)
    {
        var result = Assess(100, currentMm3, 365);
        Assert.Equal(expected, result.Reading);
        if (expected == BtsVolumeReading.Stable)
        {
            Assert.Contains(result.Notes, n => n.Contains("not interpreted", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void UnchangedVolumeHasAnInfiniteDoublingTimeReportedAsNull()
    {
        var result = Assess(250, 250, 90);
        Assert.Null(result.DoublingTimeDays);
        Assert.Equal(VolumeTrend.Unchanged, result.Trend);
        Assert.Equal(BtsVolumeReading.Stable, result.Reading);
        Assert.Contains("VDT infinite", result.Interpretation, StringComparison.Ordinal);
    }

    [Fact]
    public void ShrinkingVolumeHasANegativeDoublingTime()
    {
        var result = Assess(200, 100, 90);
        Assert.Equal(-90, result.DoublingTimeDays);
        Assert.Equal(VolumeTrend.Shrinking, result.Trend);
        Assert.Equal(BtsVolumeReading.Decreased, result.Reading);
        Assert.Contains("halving time 90 days", result.Interpretation, StringComparison.Ordinal);
    }

    [Fact]
    public void DiameterGrowthIsCalledFromTheGivenDiameters()
    {
        var input = new VolumeDoublingTimeInput
        {
            PriorVolumeMm3 = 113, CurrentVolumeMm3 = 240, IntervalDays = 120,
            PriorMeanDiameterMm = 6.0, CurrentMeanDiameterMm = 7.6,
        };
        Assert.Equal(GrowthCall.Growing, VolumeDoublingTime.Assess(input).DiameterGrowth.Call);
        Assert.Equal(GrowthSizeBasis.MeanDiameter, VolumeDoublingTime.Assess(input).DiameterGrowth.Basis);

        var differentReaders = VolumeDoublingTime.Assess(input with { Readers = MeasurementReaders.DifferentReaders });
        Assert.Equal(GrowthCall.NotGrowing, differentReaders.DiameterGrowth.Call);
        Assert.Equal(2.2, differentReaders.DiameterGrowth.ThresholdMm);
        Assert.Contains(differentReaders.Notes, n => n.Contains("check the segmentations", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutDiametersGrowthUsesSphereEquivalents()
    {
        var result = Assess(113.1, 268.1, 90); // 6 → 8 mm spheres
        Assert.Equal(GrowthCall.Growing, result.DiameterGrowth.Call);
        Assert.Equal(GrowthSizeBasis.SphereEquivalentDiameter, result.DiameterGrowth.Basis);
        Assert.Equal(2.0, result.DiameterGrowth.ChangeMm);
    }

    [Fact]
    public void AssessesANoduleAgainstItsPrior()
    {
        var nodule = new NoduleAssessmentInput
        {
            Type = NoduleType.Solid, VolumeMm3 = 200, MeanDiameterMm = 7.4,
            Prior = new PriorNoduleMeasurement { IntervalDays = 100, VolumeMm3 = 100, MeanDiameterMm = 5.8 },
        };
        var result = VolumeDoublingTime.AssessAgainstPrior(nodule)!;
        Assert.Equal(100, result.DoublingTimeDays);
        Assert.Equal(GrowthCall.Growing, result.DiameterGrowth.Call);
        Assert.Null(VolumeDoublingTime.AssessAgainstPrior(nodule with { VolumeMm3 = null }));
        Assert.Null(VolumeDoublingTime.AssessAgainstPrior(nodule with { Prior = null }));
    }

    [Theory]
    [InlineData(0, 100, 30)]
    [InlineData(100, -1, 30)]
    [InlineData(100, 200, 0)]
    [InlineData(double.NaN, 200, 30)]
    [InlineData(100, double.PositiveInfinity, 30)]
    public void RejectsImpossibleInputs(double prior, double current, double days) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Assess(prior, current, days));
}
