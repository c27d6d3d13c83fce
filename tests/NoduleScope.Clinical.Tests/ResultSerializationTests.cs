using System.Text.Json;
using NoduleScope.Clinical.Brock;
using NoduleScope.Clinical.Fleischner;
using NoduleScope.Clinical.Growth;
using NoduleScope.Clinical.LungRads;

namespace NoduleScope.Clinical.Tests;

/// <summary>The results go into findings.json and the DICOM SR: they must serialise and read back unchanged.</summary>
public sealed class ResultSerializationTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static readonly NoduleAssessmentInput Nodule = new()
    {
        Type = NoduleType.PartSolid, LongAxisMm = 14, ShortAxisMm = 10, VolumeMm3 = 1100, SolidComponentMeanDiameterMm = 6.5,
        SolidComponentVolumeMm3 = 140, UpperLobe = true, Spiculated = true,
        Prior = new PriorNoduleMeasurement
        {
            IntervalDays = 200, Type = NoduleType.PartSolid, MeanDiameterMm = 11, VolumeMm3 = 700, SolidComponentMeanDiameterMm = 4,
        },
    };

    private static readonly ExamContext Exam = new() { NoduleCount = 2, Round = ExamRound.FollowUp, Purpose = ExamPurpose.Diagnostic };

    private static void AssertRoundTrips<T>(T value)
    {
        string json = JsonSerializer.Serialize(value, Options);
        var back = JsonSerializer.Deserialize<T>(json, Options);
        Assert.Equal(json, JsonSerializer.Serialize(back, Options));
    }

    [Fact]
    public void InputsRoundTripAndEnumsAreNamed()
    {
        string json = JsonSerializer.Serialize(Nodule, Options);
        Assert.Contains("\"type\":\"PartSolid\"", json, StringComparison.Ordinal);
        Assert.Equal(Nodule, JsonSerializer.Deserialize<NoduleAssessmentInput>(json, Options));
    }

    [Fact]
    public void LungRadsResultsRoundTrip()
    {
        var exam = LungRads2022.CategorizeExam([Nodule, TestNodules.Solid(5) with { NewSincePrior = true }], Exam);
        AssertRoundTrips(exam);
        Assert.Contains("\"category\":\"Category4X\"", JsonSerializer.Serialize(exam, Options), StringComparison.Ordinal);
    }

    [Fact]
    public void BrockFleischnerAndVdtResultsRoundTrip()
    {
        AssertRoundTrips(BrockModel.Estimate(Nodule, PatientContext.Unknown with { AgeYears = 17 }, Exam));
        AssertRoundTrips(Fleischner2017.Recommend(Nodule, PatientContext.Unknown, Exam));
        AssertRoundTrips(VolumeDoublingTime.AssessAgainstPrior(Nodule));
        AssertRoundTrips(VolumeDoublingTime.Assess(new VolumeDoublingTimeInput
        {
            PriorVolumeMm3 = 300, CurrentVolumeMm3 = 300, IntervalDays = 90,
        }));
    }
}
