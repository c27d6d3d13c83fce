namespace NoduleScope.Clinical.Tests;

/// <summary>Short constructors for the nodules and exams the tests use.</summary>
internal static class TestNodules
{
    public static ExamContext Baseline { get; } = new() { NoduleCount = 1, Purpose = ExamPurpose.LungCancerScreening };

    public static ExamContext FollowUp { get; } = Baseline with { Round = ExamRound.FollowUp };

    public static NoduleAssessmentInput Solid(double meanDiameterMm) =>
        new() { Type = NoduleType.Solid, MeanDiameterMm = meanDiameterMm };

    public static NoduleAssessmentInput SolidByVolume(double volumeMm3) =>
        new() { Type = NoduleType.Solid, VolumeMm3 = volumeMm3 };

    public static NoduleAssessmentInput NonSolid(double meanDiameterMm) =>
        new() { Type = NoduleType.NonSolid, MeanDiameterMm = meanDiameterMm };

    public static NoduleAssessmentInput PartSolid(double totalMm, double? solidMm) =>
        new() { Type = NoduleType.PartSolid, MeanDiameterMm = totalMm, SolidComponentMeanDiameterMm = solidMm };

    public static PriorNoduleMeasurement Prior(double meanDiameterMm, double intervalDays = 180) =>
        new() { IntervalDays = intervalDays, MeanDiameterMm = meanDiameterMm };
}
