using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Fleischner;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class FleischnerFollowUpTests
{
    [Theory]
    [InlineData(RiskLevel.Low, "Consider CT at 18–24 months")]
    [InlineData(RiskLevel.High, "CT at 18–24 months")]
    public void AStableSolidNoduleOf7MmMovesToTheSecondFollowUp(RiskLevel risk, string expected)
    {
        var step = FleischnerFollowUp.Step(Recommend(NoduleType.Solid, 7, risk), PairStatus.Stable);

        Assert.True(step.Applicable);
        Assert.Equal(expected, step.NextStep);
        Assert.Contains("Persistent without growth", step.Reason);
    }

    [Fact]
    public void WithTheRiskUnknownBothNextStepsAreGiven()
    {
        var step = FleischnerFollowUp.Step(Recommend(NoduleType.Solid, 7, null), PairStatus.Stable);

        Assert.Equal("Low risk: Consider CT at 18–24 months | High risk: CT at 18–24 months", step.NextStep);
    }

    [Fact]
    public void AStablePersistentGroundGlassNoduleGoesToTwoYearlyCt()
    {
        var step = FleischnerFollowUp.Step(Recommend(NoduleType.NonSolid, 8, RiskLevel.Low), PairStatus.Shrinking);

        Assert.Equal("CT every 2 years until 5 years (persistent ground-glass nodule)", step.NextStep);
        Assert.Contains("Smaller than on the prior exam", step.Reason);
    }

    [Fact]
    public void AGrowingNoduleLeavesTheSurveillanceTable()
    {
        var step = FleischnerFollowUp.Step(Recommend(NoduleType.PartSolid, 9, RiskLevel.Low, solidMm: 4), PairStatus.Growing);

        Assert.StartsWith("Work-up rather than surveillance", step.NextStep);
        Assert.Contains("highly suspicious", step.Reason);
    }

    [Fact]
    public void ANewNoduleStartsAtTheTablesFirstStep()
    {
        var step = FleischnerFollowUp.Step(Recommend(NoduleType.Solid, 7, RiskLevel.Low), PairStatus.New);

        Assert.Equal("Low risk: CT at 6–12 months, then consider CT at 18–24 months", step.NextStep);
    }

    [Fact]
    public void ScreeningExamsAreNotFleischnerExams()
    {
        var result = Fleischner2017.Recommend(new NoduleAssessmentInput { Type = NoduleType.Solid, MeanDiameterMm = 7 }, Patient(RiskLevel.Low),
            new ExamContext { NoduleCount = 1, Purpose = ExamPurpose.LungCancerScreening, Round = ExamRound.FollowUp });

        var step = FleischnerFollowUp.Step(result, PairStatus.Stable);

        Assert.False(step.Applicable);
        Assert.Contains("screening", step.Reason);
    }

    [Fact]
    public void AResolvedNoduleNeedsNoFurtherFollowUp() =>
        Assert.Equal("No further follow-up for this nodule", FleischnerFollowUp.Resolved().NextStep);

    private static FleischnerResult Recommend(NoduleType type, double meanDiameterMm, RiskLevel? risk, double? solidMm = null) =>
        Fleischner2017.Recommend(
            new NoduleAssessmentInput { Type = type, MeanDiameterMm = meanDiameterMm, SolidComponentMeanDiameterMm = solidMm },
            Patient(risk),
            new ExamContext { NoduleCount = 1, Purpose = ExamPurpose.Diagnostic, Round = ExamRound.FollowUp });

    private static PatientContext Patient(RiskLevel? risk) => new() { AgeYears = 60, LungCancerRisk = risk, KnownCancer = false, Immunosuppressed = false };
}
