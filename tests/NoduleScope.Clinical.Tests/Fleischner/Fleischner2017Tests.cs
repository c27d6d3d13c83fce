using NoduleScope.Clinical.Fleischner;
using static NoduleScope.Clinical.Fleischner.FleischnerNoduleGroup;

namespace NoduleScope.Clinical.Tests.Fleischner;

public sealed class Fleischner2017Tests
{
    private static readonly PatientContext Adult = new()
    {
        AgeYears = 60, KnownCancer = false, Immunosuppressed = false,
    };

    private static ExamContext Incidental(int count = 1) => new() { NoduleCount = count, Purpose = ExamPurpose.Diagnostic };

    private static NoduleAssessmentInput Nodule(NoduleType type, double meanMm) =>
        new() { Type = type, MeanDiameterMm = meanMm, SolidComponentMeanDiameterMm = type == NoduleType.PartSolid ? 2 : null };

    public static TheoryData<NoduleType, int, double, FleischnerNoduleGroup, string, string> Rows => new()
    {
        { NoduleType.Solid, 1, 5, SingleSolid, "No routine follow-up", "Optional CT at 12 months" },
        { NoduleType.Solid, 1, 6, SingleSolid, "CT at 6–12 months, then consider CT at 18–24 months",
            "CT at 6–12 months, then CT at 18–24 months" },
        { NoduleType.Solid, 1, 8, SingleSolid, "CT at 6–12 months, then consider CT at 18–24 months",
            "CT at 6–12 months, then CT at 18–24 months" },
        { NoduleType.Solid, 1, 9, SingleSolid, "Consider CT at 3 months, PET/CT or tissue sampling",
            "Consider CT at 3 months, PET/CT or tissue sampling" },
        { NoduleType.Solid, 3, 5, MultipleSolid, "No routine follow-up", "Optional CT at 12 months" },
        { NoduleType.Solid, 3, 6, MultipleSolid, "CT at 3–6 months, then consider CT at 18–24 months",
            "CT at 3–6 months, then CT at 18–24 months" },
        { NoduleType.Solid, 3, 12, MultipleSolid, "CT at 3–6 months, then consider CT at 18–24 months",
            "CT at 3–6 months, then CT at 18–24 months" },
        { NoduleType.NonSolid, 1, 5, SingleGroundGlass, "No routine follow-up", "No routine follow-up" },
        { NoduleType.NonSolid, 1, 6, SingleGroundGlass,
            "CT at 6–12 months, then CT every 2 years until 5 years if persistent",
            "CT at 6–12 months, then CT every 2 years until 5 years if persistent" },
        { NoduleType.PartSolid, 1, 5, SinglePartSolid, "No routine follow-up", "No routine follow-up" },
        { NoduleType.PartSolid, 1, 6, SinglePartSolid,
            "CT at 3–6 months; if persistent and solid part < 6 mm, annual CT for 5 years",
            "CT at 3–6 months; if persistent and solid part < 6 mm, annual CT for 5 years" },
        { NoduleType.NonSolid, 2, 5, MultipleSubsolid, "CT at 3–6 months; if stable consider CT at 2 and 4 years",
            "CT at 3–6 months; if stable consider CT at 2 and 4 years" },
        { NoduleType.PartSolid, 2, 5, MultipleSubsolid, "CT at 3–6 months; if stable consider CT at 2 and 4 years",
            "CT at 3–6 months; if stable consider CT at 2 and 4 years" },
        { NoduleType.NonSolid, 2, 6, MultipleSubsolid, "CT at 3–6 months; then by the most suspicious nodule",
            "CT at 3–6 months; then by the most suspicious nodule" },
        { NoduleType.PartSolid, 2, 6, MultipleSubsolid, "CT at 3–6 months; then by the most suspicious nodule",
            "CT at 3–6 months; then by the most suspicious nodule" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void EveryTableRowForLowAndHighRisk(
        NoduleType type,
        int count,
        double meanMm,
        FleischnerNoduleGroup group,
        string lowRisk,
        string highRisk)
    {
        var low = Fleischner2017.Recommend(Nodule(type, meanMm), Adult with { LungCancerRisk = RiskLevel.Low }, Incidental(count));
        var high = Fleischner2017.Recommend(Nodule(type, meanMm), Adult with { LungCancerRisk = RiskLevel.High }, Incidental(count));
        Assert.True(low.Applicable);
        Assert.Equal(group, low.Group);
        Assert.Equal(lowRisk, Assert.Single(low.Recommendations).Text);
        Assert.Equal(highRisk, Assert.Single(high.Recommendations).Text);
    }

    [Theory]
    [InlineData(6.0, 5.0, 6, SizeBandSixToEight)] // 5.5 → 6
    [InlineData(5.9, 5.0, 5, SizeBandBelowSix)] // 5.45 → 5
    [InlineData(9.0, 8.0, 9, SizeBandAboveEight)] // 8.5 → 9
    [InlineData(8.8, 8.0, 8, SizeBandSixToEight)] // 8.4 → 8
    public void SizeIsTheMeanOfTheAxesRoundedToTheNearestMillimetre(double longMm, double shortMm, double sizeMm, string band)
    {
        var nodule = new NoduleAssessmentInput { Type = NoduleType.Solid, LongAxisMm = longMm, ShortAxisMm = shortMm };
        var result = Fleischner2017.Recommend(nodule, Adult, Incidental());
        Assert.Equal(new MeasuredSize(SizeMeasure.MeanDiameter, sizeMm), result.SizeUsed);
        Assert.StartsWith(band, result.SizeBand, StringComparison.Ordinal);
    }

    private const string SizeBandBelowSix = "< 6 mm";
    private const string SizeBandSixToEight = "6–8 mm";
    private const string SizeBandAboveEight = "> 8 mm";

    [Theory]
    [InlineData(5.49, 5)]
    [InlineData(5.5, 6)]
    [InlineData(8.49, 8)]
    [InlineData(8.5, 9)]
    public void AGivenMeanDiameterIsRoundedToo(double meanMm, double sizeMm) =>
        Assert.Equal(sizeMm, Fleischner2017.Recommend(Nodule(NoduleType.Solid, meanMm), Adult, Incidental()).SizeUsed.Value);

    [Theory]
    [InlineData(NoduleType.Solid, 1, 99, SizeBandBelowSix)]
    [InlineData(NoduleType.Solid, 1, 100, SizeBandSixToEight)]
    [InlineData(NoduleType.Solid, 1, 250, SizeBandSixToEight)]
    [InlineData(NoduleType.Solid, 1, 250.4, SizeBandSixToEight)]
    [InlineData(NoduleType.Solid, 1, 251, SizeBandAboveEight)]
    [InlineData(NoduleType.Solid, 2, 99, SizeBandBelowSix)]
    [InlineData(NoduleType.Solid, 2, 100, "≥ 6 mm")]
    [InlineData(NoduleType.NonSolid, 1, 99, SizeBandBelowSix)]
    [InlineData(NoduleType.NonSolid, 1, 100, "≥ 6 mm")]
    [InlineData(NoduleType.PartSolid, 2, 100, "≥ 6 mm")]
    public void VolumeThresholdsAre100And250(NoduleType type, int count, double volumeMm3, string band)
    {
        var nodule = new NoduleAssessmentInput { Type = type, VolumeMm3 = volumeMm3, SolidComponentVolumeMm3 = type == NoduleType.PartSolid ? 10 : null };
        var result = Fleischner2017.Recommend(nodule, Adult, Incidental(count));
        Assert.Equal(SizeMeasure.Volume, result.SizeUsed.Measure);
        Assert.StartsWith(band, result.SizeBand, StringComparison.Ordinal);
    }

    [Fact]
    public void VolumeIsUsedWhenGivenUnlessDiameterIsPreferred()
    {
        var nodule = Nodule(NoduleType.Solid, 5) with { VolumeMm3 = 120 };
        var byVolume = Fleischner2017.Recommend(nodule, Adult, Incidental());
        Assert.Equal(SizeMeasure.Volume, byVolume.SizeUsed.Measure);
        Assert.StartsWith(SizeBandSixToEight, byVolume.SizeBand, StringComparison.Ordinal);
        Assert.Contains(byVolume.Warnings, w => w.Contains("disagree", StringComparison.Ordinal));

        var byDiameter = Fleischner2017.Recommend(nodule, Adult, Incidental(), SizeMeasure.MeanDiameter);
        Assert.Equal(SizeMeasure.MeanDiameter, byDiameter.SizeUsed.Measure);
        Assert.StartsWith(SizeBandBelowSix, byDiameter.SizeBand, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRiskGivesBothRecommendations()
    {
        var result = Fleischner2017.Recommend(Nodule(NoduleType.Solid, 7), Adult, Incidental());
        Assert.Equal(
            [
                new FleischnerRecommendation(RiskLevel.Low, "CT at 6–12 months, then consider CT at 18–24 months"),
                new FleischnerRecommendation(RiskLevel.High, "CT at 6–12 months, then CT at 18–24 months"),
            ],
            result.Recommendations);
        Assert.Contains(result.Warnings, w => w.Contains("Risk level unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void RiskIndependentRowsGiveOneRecommendationForBothRisks()
    {
        var result = Fleischner2017.Recommend(Nodule(NoduleType.NonSolid, 7), Adult, Incidental());
        Assert.Null(Assert.Single(result.Recommendations).Risk);
    }

    [Theory]
    [InlineData(34.9, false)]
    [InlineData(35, true)]
    public void AppliesFromAge35(double age, bool applicable)
    {
        var result = Fleischner2017.Recommend(Nodule(NoduleType.Solid, 7), Adult with { AgeYears = age }, Incidental());
        Assert.Equal(applicable, result.Applicable);
        Assert.Equal(applicable, result.Recommendations.Count > 0);
        Assert.Equal(applicable, result.NotApplicableReasons.Count == 0);
    }

    [Fact]
    public void DoesNotApplyToScreeningKnownCancerOrImmunosuppression()
    {
        var nodule = Nodule(NoduleType.Solid, 7);
        var screening = Fleischner2017.Recommend(nodule, Adult, Incidental() with { Purpose = ExamPurpose.LungCancerScreening });
        var cancer = Fleischner2017.Recommend(nodule, Adult with { KnownCancer = true }, Incidental());
        var immunosuppressed = Fleischner2017.Recommend(nodule, Adult with { Immunosuppressed = true }, Incidental());
        Assert.All([screening, cancer, immunosuppressed], r =>
        {
            Assert.False(r.Applicable);
            Assert.Empty(r.Recommendations);
            Assert.Single(r.NotApplicableReasons);
        });
        Assert.Contains("Lung-RADS", screening.NotApplicableReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownApplicabilityInputsAreAssumedAndSaid()
    {
        var result = Fleischner2017.Recommend(Nodule(NoduleType.Solid, 7), PatientContext.Unknown,
            new ExamContext { NoduleCount = 1 });
        Assert.True(result.Applicable);
        Assert.Contains(result.Warnings, w => w.StartsWith("Age unknown", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("Exam purpose unknown", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("Known cancer unknown", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.StartsWith("Immune status unknown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(5.4, false)]
    [InlineData(5.5, true)]
    [InlineData(8.0, true)]
    public void PartSolidWithASolidPartOf6MmOrMoreIsHighlySuspicious(double solidMm, bool suspicious)
    {
        var nodule = new NoduleAssessmentInput { Type = NoduleType.PartSolid, MeanDiameterMm = 14, SolidComponentMeanDiameterMm = solidMm };
        var result = Fleischner2017.Recommend(nodule, Adult, Incidental());
        Assert.Equal(suspicious, result.Notes.Any(n => n.Contains("highly suspicious", StringComparison.Ordinal)));
    }

    [Fact]
    public void GrowingPartSolidNoduleIsHighlySuspicious()
    {
        var nodule = new NoduleAssessmentInput
        {
            Type = NoduleType.PartSolid, MeanDiameterMm = 14, SolidComponentMeanDiameterMm = 4,
            Prior = new PriorNoduleMeasurement { IntervalDays = 120, MeanDiameterMm = 14, SolidComponentMeanDiameterMm = 2 },
        };
        var result = Fleischner2017.Recommend(nodule, Adult, Incidental());
        Assert.Contains(result.Notes, n => n.StartsWith("Growing part-solid nodule", StringComparison.Ordinal));
    }

    [Fact]
    public void ReasonNamesTheRow()
    {
        var result = Fleischner2017.Recommend(Nodule(NoduleType.Solid, 7.4), Adult, Incidental(3));
        Assert.Equal("Multiple solid nodules, mean diameter 7 mm is ≥ 6 mm.", result.Reason);
    }
}
