using NoduleScope.Clinical.Brock;

namespace NoduleScope.Clinical.Tests.Brock;

public sealed class BrockModelTests
{
    private static readonly PatientContext Man62 = new()
    {
        AgeYears = 62, Sex = PatientSex.Male, FamilyHistoryOfLungCancer = false, Emphysema = false,
    };

    private static BrockResult Estimate(
        PatientContext patient,
        NoduleType type,
        double sizeMm,
        int count,
        bool upperLobe = false,
        bool spiculated = false) =>
        BrockModel.Estimate(
            new NoduleAssessmentInput { Type = type, MeanDiameterMm = sizeMm, UpperLobe = upperLobe, Spiculated = spiculated },
            patient,
            new ExamContext { NoduleCount = count });

    private static BrockInputs Inputs(double sizeMm = 4, NoduleType type = NoduleType.Solid) =>
        new(62, PatientSex.Male, false, false, sizeMm, type, false, false, 4);

    // clinical-rules.md reference values.
    [Fact]
    public void EveryInputAtItsCentringValueGives0Point112Percent()
    {
        var result = Estimate(Man62, NoduleType.Solid, 4, 4);
        Assert.Equal(0.112, Math.Round(result.Probability * 100, 3));
        Assert.Equal(BrockModel.Intercept, result.Logit, 8); // 1.58113883 is 0.4^(−0.5) to 8 decimals
        Assert.Empty(result.UnknownInputs);
        Assert.Equal(result.Probability, result.Range.Lowest);
        Assert.Equal(result.Probability, result.Range.Highest);
    }

    [Fact]
    public void WomanOf62WithOneSpiculatedUpperLobe10MmSolidNoduleGives20Point1Percent()
    {
        var woman = Man62 with { Sex = PatientSex.Female };
        var result = Estimate(woman, NoduleType.Solid, 10, 1, upperLobe: true, spiculated: true);
        Assert.Equal(20.1, Math.Round(result.Probability * 100, 1));
    }

    [Fact]
    public void ManOf70WithRiskFactorsAnd15MmPartSolidUpperLobeNoduleGives34Point3Percent()
    {
        var man = Man62 with { AgeYears = 70, FamilyHistoryOfLungCancer = true, Emphysema = true };
        var result = Estimate(man, NoduleType.PartSolid, 15, 2, upperLobe: true);
        Assert.Equal(34.3, Math.Round(result.Probability * 100, 1));
    }

    [Fact]
    public void WomanOf55With6MmNonSolidNoduleAmongThreeGives0Point76Percent()
    {
        var woman = Man62 with { AgeYears = 55, Sex = PatientSex.Female };
        var result = Estimate(woman, NoduleType.NonSolid, 6, 3);
        Assert.Equal(0.76, Math.Round(result.Probability * 100, 2));
    }

    [Fact]
    public void TermsAddUpToTheLogitAndNameEveryCoefficient()
    {
        var result = Estimate(Man62 with { AgeYears = 70 }, NoduleType.PartSolid, 12, 2, true, true);
        Assert.Equal(11, result.Terms.Count);
        Assert.Equal(result.Logit, result.Terms.Sum(t => t.Contribution), 12);
        Assert.All(result.Terms, t => Assert.Equal(t.Coefficient * t.Value, t.Contribution, 12));
        Assert.Equal(8, result.Terms.Single(t => t.Name.StartsWith("age", StringComparison.Ordinal)).Value);
    }

    [Theory]
    [InlineData(NoduleType.Solid)]
    [InlineData(NoduleType.PartSolid)]
    [InlineData(NoduleType.NonSolid)]
    public void ProbabilityRisesWithSize(NoduleType type)
    {
        double previous = 0;
        for (double size = 1; size <= 30; size += 0.5)
        {
            double p = BrockModel.Probability(Inputs(size, type));
            Assert.True(p > previous, $"{type} {size} mm: {p} ≤ {previous}");
            previous = p;
        }
    }

    [Fact]
    public void ProbabilityRisesWithAgeAndFallsWithNoduleCount()
    {
        var inputs = Inputs(8);
        for (int age = 18; age < 100; age++)
        {
            Assert.True(BrockModel.Probability(inputs with { AgeYears = age + 1 }) > BrockModel.Probability(inputs with { AgeYears = age }));
        }

        for (int count = 1; count < 20; count++)
        {
            Assert.True(BrockModel.Probability(inputs with { NoduleCount = count + 1 }) < BrockModel.Probability(inputs with { NoduleCount = count }));
        }
    }

    [Fact]
    public void EachRiskFactorRaisesTheProbability()
    {
        var inputs = Inputs(8);
        double p = BrockModel.Probability(inputs);
        Assert.True(BrockModel.Probability(inputs with { Sex = PatientSex.Female }) > p);
        Assert.True(BrockModel.Probability(inputs with { FamilyHistoryOfLungCancer = true }) > p);
        Assert.True(BrockModel.Probability(inputs with { Emphysema = true }) > p);
        Assert.True(BrockModel.Probability(inputs with { UpperLobe = true }) > p);
        Assert.True(BrockModel.Probability(inputs with { Spiculated = true }) > p);
        Assert.True(BrockModel.Probability(inputs with { NoduleType = NoduleType.PartSolid }) > p);
        Assert.True(BrockModel.Probability(inputs with { NoduleType = NoduleType.NonSolid }) < p);
    }

    [Fact]
    public void UnknownSexIsComputedBothWaysAndTheHigherIsReported()
    {
        var result = Estimate(Man62 with { Sex = null }, NoduleType.Solid, 8, 1, upperLobe: true);
        double female = BrockModel.Probability(result.InputsUsed with { Sex = PatientSex.Female });
        double male = BrockModel.Probability(result.InputsUsed with { Sex = PatientSex.Male });
        Assert.Equal(PatientSex.Female, result.InputsUsed.Sex);
        Assert.Equal(female, result.Probability, 12);
        Assert.Equal(female, result.Range.Highest, 12);
        Assert.Equal(male, result.Range.Lowest, 12);
        var assumed = Assert.Single(result.UnknownInputs);
        Assert.Equal("sex", assumed.Input);
        Assert.Equal("female", assumed.AssumedValue);
    }

    [Fact]
    public void AllUnknownPatientInputsAreNamedWithTheirAssumption()
    {
        var nodule = new NoduleAssessmentInput { Type = NoduleType.Solid, MeanDiameterMm = 9 };
        var result = BrockModel.Estimate(nodule, PatientContext.Unknown, new ExamContext { NoduleCount = 2 });
        Assert.Equal(
            new[] { "age", "emphysema", "family history of lung cancer", "sex", "upper lobe" },
            result.UnknownInputs.Select(u => u.Input).Order(StringComparer.Ordinal));
        Assert.Equal(62, result.InputsUsed.AgeYears);
        Assert.Contains(result.Warnings, w => w.Contains("Age unknown", StringComparison.Ordinal));
        var lowest = BrockModel.Probability(new BrockInputs(62, PatientSex.Male, false, false, 9, NoduleType.Solid, false, false, 2));
        var highest = BrockModel.Probability(new BrockInputs(62, PatientSex.Female, true, true, 9, NoduleType.Solid, true, false, 2));
        Assert.Equal(lowest, result.Range.Lowest, 12);
        Assert.Equal(highest, result.Range.Highest, 12);
        Assert.Equal(highest, result.Probability, 12);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(17.9, true)]
    [InlineData(18, false)]
    [InlineData(100, false)]
    [InlineData(100.5, true)]
    public void AgeOutside18To100IsFlaggedButStillComputed(double age, bool flagged)
    {
        var result = Estimate(Man62 with { AgeYears = age }, NoduleType.Solid, 8, 1);
        Assert.Equal(flagged, result.OutOfRange.Any(f => f.Input == "age"));
        Assert.Equal(age, result.InputsUsed.AgeYears);
        Assert.InRange(result.Probability, 0, 1);
    }

    [Theory]
    [InlineData(0.9, true)]
    [InlineData(1.0, false)]
    [InlineData(30.0, false)]
    [InlineData(30.1, true)]
    public void SizeOutside1To30MmIsFlaggedButStillComputed(double size, bool flagged)
    {
        var result = Estimate(Man62, NoduleType.Solid, size, 1);
        var flag = result.OutOfRange.SingleOrDefault(f => f.Input == "nodule size");
        Assert.Equal(flagged, flag is not null);
        Assert.Equal(size, result.InputsUsed.NoduleSizeMm);
        Assert.Equal(BrockModel.Probability(result.InputsUsed), result.Probability, 12);
        if (flag is not null)
        {
            Assert.Contains("extrapolated", flag.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SizeComesFromTheAxesOrFromTheVolumeAsASphere()
    {
        var exam = new ExamContext { NoduleCount = 1 };
        var fromAxes = BrockModel.Estimate(
            new NoduleAssessmentInput { Type = NoduleType.Solid, LongAxisMm = 12, ShortAxisMm = 8 }, Man62, exam);
        Assert.Equal(10, fromAxes.InputsUsed.NoduleSizeMm);

        var fromVolume = BrockModel.Estimate(new NoduleAssessmentInput { Type = NoduleType.Solid, VolumeMm3 = 523.6 }, Man62, exam);
        Assert.Equal(10, fromVolume.InputsUsed.NoduleSizeMm);
        Assert.Contains(fromVolume.UnknownInputs, u => u.Input == "nodule size");

        Assert.Throws<ArgumentException>(() =>
            BrockModel.Estimate(new NoduleAssessmentInput { Type = NoduleType.Solid, LongAxisMm = 12 }, Man62, exam));
    }

    [Theory]
    [InlineData(7.9, false)]
    [InlineData(8.0, true)]
    public void BtsReadingIsGivenFrom8Mm(double size, bool given)
    {
        var result = Estimate(Man62, NoduleType.Solid, size, 1);
        Assert.Equal(given, result.BtsReading is not null);
    }

    [Fact]
    public void BtsReadingFollowsThe10PercentThreshold()
    {
        var low = Estimate(Man62, NoduleType.Solid, 8, 1);
        Assert.True(low.Probability < 0.10);
        Assert.Contains("< 10 %", low.BtsReading, StringComparison.Ordinal);

        var high = Estimate(Man62 with { Sex = PatientSex.Female }, NoduleType.Solid, 12, 1, true, true);
        Assert.True(high.Probability >= 0.10);
        Assert.Contains("≥ 10 %", high.BtsReading, StringComparison.Ordinal);
    }

    [Fact]
    public void WarnsWhenTheUnknownInputsDecideTheBtsThreshold()
    {
        var result = Estimate(Man62 with { Sex = null, FamilyHistoryOfLungCancer = null, Emphysema = null }, NoduleType.Solid, 9, 1, true);
        Assert.True(result.Range.Lowest < 0.10 && result.Range.Highest >= 0.10);
        Assert.Contains(result.Warnings, w => w.Contains("BTS 10 %", StringComparison.Ordinal));
    }

    [Fact]
    public void RejectsImpossibleInputs()
    {
        var exam = new ExamContext { NoduleCount = 1 };
        Assert.Throws<ArgumentOutOfRangeException>(() => BrockModel.Estimate(TestNodules.Solid(0), Man62, exam));
        Assert.Throws<ArgumentOutOfRangeException>(() => BrockModel.Estimate(TestNodules.Solid(double.NaN), Man62, exam));
        Assert.Throws<ArgumentOutOfRangeException>(() => BrockModel.Estimate(TestNodules.Solid(5), Man62 with { AgeYears = -1 }, exam));
    }
}
