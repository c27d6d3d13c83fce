using NoduleScope.Clinical.LungRads;
using static NoduleScope.Clinical.LungRads.LungRadsCategory;
using static NoduleScope.Clinical.Tests.TestNodules;

namespace NoduleScope.Clinical.Tests.LungRads;

public sealed class LungRadsSolidTests
{
    [Theory]
    [InlineData(1.0, Category2)]
    [InlineData(5.9, Category2)]
    [InlineData(5.94, Category2)]
    [InlineData(5.95, Category3)] // mean diameter is rounded to 0.1 mm first
    [InlineData(6.0, Category3)]
    [InlineData(6.1, Category3)]
    [InlineData(7.9, Category3)]
    [InlineData(8.0, Category4A)]
    [InlineData(8.1, Category4A)]
    [InlineData(14.9, Category4A)]
    [InlineData(15.0, Category4B)]
    [InlineData(15.1, Category4B)]
    [InlineData(40.0, Category4B)]
    public void BaselineByMeanDiameter(double mm, LungRadsCategory expected)
    {
        var result = LungRads2022.CategorizeNodule(Solid(mm), Baseline);
        Assert.Equal(expected, result.Category);
        Assert.Equal(NoduleTrajectory.Baseline, result.Trajectory);
        Assert.Equal(SizeMeasure.MeanDiameter, result.SizeUsed!.Measure);
    }

    [Fact]
    public void MeanDiameterComesFromTheAxes()
    {
        var nodule = new NoduleAssessmentInput { Type = NoduleType.Solid, LongAxisMm = 6.5, ShortAxisMm = 5.4 };
        var result = LungRads2022.CategorizeNodule(nodule, Baseline);
        Assert.Equal(6.0, result.SizeUsed!.Value); // 5.95 → 6.0
        Assert.Equal(Category3, result.Category);
    }

    [Theory]
    [InlineData(112, Category2)]
    [InlineData(113, Category3)]
    [InlineData(114, Category3)]
    [InlineData(267, Category3)]
    [InlineData(268, Category4A)]
    [InlineData(269, Category4A)]
    [InlineData(1766, Category4A)]
    [InlineData(1767, Category4B)]
    [InlineData(1768, Category4B)]
    public void BaselineByVolumeWhenOnlyVolumeIsMeasured(double mm3, LungRadsCategory expected)
    {
        var result = LungRads2022.CategorizeNodule(SolidByVolume(mm3), Baseline);
        Assert.Equal(expected, result.Category);
        Assert.Equal(SizeMeasure.Volume, result.SizeUsed!.Measure);
        Assert.Contains("mm³", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3.9, Category2)]
    [InlineData(4.0, Category3)]
    [InlineData(5.9, Category3)]
    [InlineData(6.0, Category4A)]
    [InlineData(7.9, Category4A)]
    [InlineData(8.0, Category4B)]
    [InlineData(20.0, Category4B)]
    public void NewNoduleByMeanDiameter(double mm, LungRadsCategory expected)
    {
        var result = LungRads2022.CategorizeNodule(Solid(mm) with { NewSincePrior = true }, FollowUp);
        Assert.Equal(expected, result.Category);
        Assert.Equal(NoduleTrajectory.New, result.Trajectory);
    }

    [Theory]
    [InlineData(33, Category2)]
    [InlineData(34, Category3)]
    [InlineData(112, Category3)]
    [InlineData(113, Category4A)]
    [InlineData(267, Category4A)]
    [InlineData(268, Category4B)]
    public void NewNoduleByVolume(double mm3, LungRadsCategory expected) =>
        Assert.Equal(expected, LungRads2022.CategorizeNodule(SolidByVolume(mm3) with { NewSincePrior = true }, FollowUp).Category);

    [Theory]
    [InlineData(5.0, 6.6, Category4A)] // +1.6 mm, < 8 mm
    [InlineData(6.3, 7.9, Category4A)]
    [InlineData(6.4, 8.0, Category4B)] // growing ≥ 8 mm
    [InlineData(10.0, 11.6, Category4B)]
    [InlineData(6.5, 8.0, Category4A)] // +1.5 mm is not growth: stable, 8.0 mm → 4A by size
    [InlineData(4.5, 6.0, Category3)] // +1.5 mm: stable, 6.0 mm → 3
    [InlineData(7.0, 7.2, Category3)]
    [InlineData(9.0, 5.0, Category2)] // shrinking: categorised by current size
    public void FollowUpByGrowth(double priorMm, double currentMm, LungRadsCategory expected)
    {
        var result = LungRads2022.CategorizeNodule(Solid(currentMm) with { Prior = Prior(priorMm) }, FollowUp);
        Assert.Equal(expected, result.Category);
        Assert.NotNull(result.Growth);
        Assert.Equal(currentMm - priorMm > 1.55 ? NoduleTrajectory.Growing : NoduleTrajectory.Stable, result.Trajectory);
    }

    [Fact]
    public void GrowthIsJudgedOnSphereEquivalentDiametersWhenOnlyVolumesAreMeasured()
    {
        var nodule = SolidByVolume(268) with { Prior = new PriorNoduleMeasurement { IntervalDays = 90, VolumeMm3 = 113 } };
        var result = LungRads2022.CategorizeNodule(nodule, FollowUp);
        Assert.Equal(NoduleTrajectory.Growing, result.Trajectory);
        Assert.Equal(Category4B, result.Category); // growing, ≥ 268 mm³
    }

    [Theory]
    [InlineData(365, NoduleTrajectory.Growing)]
    [InlineData(366, NoduleTrajectory.Growing)] // +1.6 mm over 366 days is still more than 1.5 mm per 12 months
    [InlineData(400, NoduleTrajectory.Stable)] // +1.6 mm over 400 days = 1.46 mm per 12 months: slow growth
    public void GrowthMustHappenWithin12Months(double days, NoduleTrajectory expected)
    {
        var result = LungRads2022.CategorizeNodule(Solid(6.6) with { Prior = Prior(5.0, days) }, FollowUp);
        Assert.Equal(expected, result.Trajectory);
    }

    [Theory]
    [InlineData(MeasurementReaders.SameReader, 2.2, NoduleTrajectory.Growing)]
    [InlineData(MeasurementReaders.DifferentReaders, 2.2, NoduleTrajectory.Stable)]
    [InlineData(MeasurementReaders.DifferentReaders, 2.3, NoduleTrajectory.Growing)]
    public void GrowthIsNotCalledWithinMeasurementNoise(MeasurementReaders readers, double change, NoduleTrajectory expected)
    {
        var prior = Prior(5.0) with { Readers = readers };
        var result = LungRads2022.CategorizeNodule(Solid(5.0 + change) with { Prior = prior }, FollowUp);
        Assert.Equal(expected, result.Trajectory);
    }

    [Fact]
    public void FollowUpWithoutAPriorUsesBaselineRulesAndSaysSo()
    {
        var result = LungRads2022.CategorizeNodule(Solid(7), FollowUp);
        Assert.Equal(NoduleTrajectory.PriorUnknown, result.Trajectory);
        Assert.Equal(Category3, result.Category);
        Assert.Contains(result.Warnings, w => w.Contains("no matched prior", StringComparison.Ordinal));
    }

    [Fact]
    public void PriorInformationIsIgnoredAtBaseline()
    {
        var result = LungRads2022.CategorizeNodule(Solid(7) with { NewSincePrior = true, Prior = Prior(3) }, Baseline);
        Assert.Equal(NoduleTrajectory.Baseline, result.Trajectory);
        Assert.Equal(Category3, result.Category);
        Assert.NotEmpty(result.Warnings);
    }

    [Fact]
    public void ReasonCitesTheMeasurementAndTheThreshold()
    {
        var result = LungRads2022.CategorizeNodule(Solid(7.9), Baseline);
        Assert.Equal("Solid nodule, baseline: mean diameter 7.9 mm is ≥ 6 to < 8 mm → category 3.", result.Reason);
    }

    [Fact]
    public void WarnsWhenDiameterAndVolumeDisagree()
    {
        var nodule = Solid(7.5) with { VolumeMm3 = 300 };
        var result = LungRads2022.CategorizeNodule(nodule, Baseline);
        Assert.Equal(Category3, result.Category);
        Assert.Contains(result.Warnings, w => w.Contains("would be 4A", StringComparison.Ordinal));

        var byVolume = LungRads2022.CategorizeNodule(nodule, Baseline, SizeMeasure.Volume);
        Assert.Equal(Category4A, byVolume.Category);
        Assert.Contains(byVolume.Warnings, w => w.Contains("would be 3", StringComparison.Ordinal));
    }

    [Fact]
    public void RejectsANoduleWithoutASize() =>
        Assert.Throws<ArgumentException>(() =>
            LungRads2022.CategorizeNodule(new NoduleAssessmentInput { Type = NoduleType.Solid }, Baseline));

    [Fact]
    public void WarnsWhenTheExamIsNotScreening()
    {
        var result = LungRads2022.CategorizeNodule(Solid(5), Baseline with { Purpose = ExamPurpose.Diagnostic });
        Assert.Contains(result.Warnings, w => w.Contains("Fleischner", StringComparison.Ordinal));
    }
}
