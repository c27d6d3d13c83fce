using NoduleScope.Clinical.LungRads;
using static NoduleScope.Clinical.LungRads.LungRadsCategory;
using static NoduleScope.Clinical.Tests.TestNodules;

namespace NoduleScope.Clinical.Tests.LungRads;

public sealed class LungRadsSubsolidTests
{
    [Theory]
    [InlineData(5.9, 3.0, Category2)]
    [InlineData(6.0, 3.0, Category3)]
    [InlineData(12.0, 5.9, Category3)]
    [InlineData(12.0, 6.0, Category4A)]
    [InlineData(12.0, 7.9, Category4A)]
    [InlineData(12.0, 8.0, Category4B)]
    [InlineData(30.0, 20.0, Category4B)]
    public void PartSolidBaselineByTotalThenSolidComponent(double totalMm, double solidMm, LungRadsCategory expected) =>
        Assert.Equal(expected, LungRads2022.CategorizeNodule(PartSolid(totalMm, solidMm), Baseline).Category);

    [Theory]
    [InlineData(112, 50, Category2)]
    [InlineData(113, 50, Category3)]
    [InlineData(900, 112, Category3)]
    [InlineData(900, 113, Category4A)]
    [InlineData(900, 267, Category4A)]
    [InlineData(900, 268, Category4B)]
    public void PartSolidBaselineByVolume(double totalMm3, double solidMm3, LungRadsCategory expected)
    {
        var nodule = new NoduleAssessmentInput
        {
            Type = NoduleType.PartSolid, VolumeMm3 = totalMm3, SolidComponentVolumeMm3 = solidMm3,
        };
        var result = LungRads2022.CategorizeNodule(nodule, Baseline);
        Assert.Equal(expected, result.Category);
        Assert.Equal(SizeMeasure.Volume, result.SizeUsed!.Measure);
    }

    [Theory]
    [InlineData(5.9, 2.0, Category3)]
    [InlineData(6.0, 3.9, Category4A)]
    [InlineData(6.0, 4.0, Category4B)]
    [InlineData(15.0, 9.0, Category4B)]
    public void PartSolidNew(double totalMm, double solidMm, LungRadsCategory expected) =>
        Assert.Equal(expected,
            LungRads2022.CategorizeNodule(PartSolid(totalMm, solidMm) with { NewSincePrior = true }, FollowUp).Category);

    [Theory]
    [InlineData(2.0, 3.6, Category4A)] // growing solid part < 4 mm
    [InlineData(2.3, 3.9, Category4A)]
    [InlineData(2.4, 4.0, Category4B)] // growing solid part ≥ 4 mm
    [InlineData(2.5, 4.0, Category3)] // +1.5 mm is not growth: total 12 mm with solid part < 6 mm
    public void PartSolidGrowingSolidComponent(double priorSolidMm, double solidMm, LungRadsCategory expected)
    {
        var prior = Prior(12) with { Type = NoduleType.PartSolid, SolidComponentMeanDiameterMm = priorSolidMm };
        var result = LungRads2022.CategorizeNodule(PartSolid(12, solidMm) with { Prior = prior }, FollowUp);
        Assert.Equal(expected, result.Category);
        Assert.NotNull(result.SolidComponentGrowth);
    }

    [Theory]
    [InlineData(3.9, Category4A)]
    [InlineData(4.0, Category4B)]
    public void ASolidComponentInAPriorNonSolidNoduleIsNew(double solidMm, LungRadsCategory expected)
    {
        var prior = Prior(12) with { Type = NoduleType.NonSolid };
        var result = LungRads2022.CategorizeNodule(PartSolid(12, solidMm) with { Prior = prior }, FollowUp);
        Assert.Equal(expected, result.Category);
        Assert.Equal(NoduleTrajectory.New, result.Trajectory);
    }

    [Fact]
    public void GrowthOfTheWholePartSolidNoduleWithAStableSolidPartIsA4XFeature()
    {
        var prior = Prior(8) with { Type = NoduleType.PartSolid, SolidComponentMeanDiameterMm = 3 };
        var result = LungRads2022.CategorizeNodule(PartSolid(12, 3) with { Prior = prior }, FollowUp);
        Assert.Equal(Category4X, result.Category);
        Assert.Equal(Category3, result.CategoryBeforeSuspiciousFeatures);
        Assert.Contains(result.SuspiciousFeatures, f => f.StartsWith("growth on follow-up", StringComparison.Ordinal));
    }

    [Fact]
    public void PartSolidOf6MmOrMoreNeedsTheSolidComponent()
    {
        Assert.Throws<ArgumentException>(() => LungRads2022.CategorizeNodule(PartSolid(6, null), Baseline));
        Assert.Equal(Category2, LungRads2022.CategorizeNodule(PartSolid(5.9, null), Baseline).Category);
    }

    [Fact]
    public void PartSolidReasonNamesBothSizes()
    {
        var result = LungRads2022.CategorizeNodule(PartSolid(12, 5.9), Baseline);
        Assert.Equal(
            "Part-solid nodule, baseline: total mean diameter 12.0 mm is ≥ 6 mm and solid component mean diameter 5.9 mm " +
            "is < 6 mm → category 3.",
            result.Reason);
    }

    [Theory]
    [InlineData(5.0, Category2)]
    [InlineData(29.9, Category2)]
    [InlineData(30.0, Category3)]
    [InlineData(45.0, Category3)]
    public void NonSolidBaseline(double mm, LungRadsCategory expected) =>
        Assert.Equal(expected, LungRads2022.CategorizeNodule(NonSolid(mm), Baseline).Category);

    [Theory]
    [InlineData(14136, Category2)]
    [InlineData(14137, Category3)]
    public void NonSolidBaselineByVolume(double mm3, LungRadsCategory expected) =>
        Assert.Equal(expected,
            LungRads2022.CategorizeNodule(new NoduleAssessmentInput { Type = NoduleType.NonSolid, VolumeMm3 = mm3 }, Baseline).Category);

    [Theory]
    [InlineData(29.9, Category2)]
    [InlineData(30.0, Category3)]
    public void NonSolidNew(double mm, LungRadsCategory expected) =>
        Assert.Equal(expected, LungRads2022.CategorizeNodule(NonSolid(mm) with { NewSincePrior = true }, FollowUp).Category);

    [Theory]
    [InlineData(31.0, 31.5, 180, Category2)] // stable
    [InlineData(30.0, 33.0, 730, Category2)] // slow-growing: 1.5 mm per 12 months
    [InlineData(30.0, 32.0, 180, Category4X)] // growing ≥ 30 mm: 3 with growth as an additional feature
    [InlineData(20.0, 25.0, 180, Category2)] // growing but < 30 mm
    public void NonSolidFollowUp(double priorMm, double currentMm, double days, LungRadsCategory expected)
    {
        var result = LungRads2022.CategorizeNodule(NonSolid(currentMm) with { Prior = Prior(priorMm, days) }, FollowUp);
        Assert.Equal(expected, result.Category);
        if (expected == Category4X)
        {
            Assert.Equal(Category3, result.CategoryBeforeSuspiciousFeatures);
        }
    }
}
