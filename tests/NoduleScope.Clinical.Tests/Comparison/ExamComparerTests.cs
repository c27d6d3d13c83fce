using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Clinical.LungRads;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class ExamComparerTests
{
    private static readonly Lazy<ComparisonResult> Automatic = new(() =>
    {
        var s = ComparisonScenario.Shared.Value;
        return new ExamComparer().Compare(s.Prior, s.Current, PatientContext.Unknown, ExamPurpose.LungCancerScreening);
    });

    [Fact]
    public void RegistrationRecoversTheKnownTransformAtTheNodules()
    {
        var s = ComparisonScenario.Shared.Value;
        var registration = Automatic.Value.Registration;

        foreach (var n in s.PriorNodules)
        {
            var current = s.CurrentToPrior.Inverse().Apply(n.Center);
            double error = (registration.CurrentToPrior.Apply(current) - n.Center).Length;
            Assert.True(error < 1.5, $"nodule at {n.Center}: off by {error:0.00} mm");
        }

        Assert.True(registration.LungDiceAfter > registration.LungDiceBefore);
        Assert.True(registration.LungDiceAfter > 0.95);
    }

    [Fact]
    public void PairsGrowingStableNewAndResolvedNodules()
    {
        var result = Automatic.Value;

        Assert.Equal(5, result.Pairs.Count);
        var grown = result.PairOfCurrent(1)!;
        Assert.Equal(PairStatus.Growing, grown.Status);
        Assert.Equal(2, grown.Prior!.FindingId);
        Assert.Equal(MatchMethod.Automatic, grown.Match.Method);
        Assert.True(grown.Match.DistanceMm < 2, $"distance {grown.Match.DistanceMm}");
        Assert.Equal(PairStatus.Stable, result.PairOfCurrent(2)!.Status);
        Assert.Equal(3, result.PairOfCurrent(2)!.Prior!.FindingId);
        Assert.Equal(PairStatus.Stable, result.PairOfCurrent(3)!.Status);
        Assert.Equal(4, result.PairOfCurrent(3)!.Prior!.FindingId);
        var appeared = result.PairOfCurrent(4)!;
        Assert.Equal(PairStatus.New, appeared.Status);
        Assert.Null(appeared.Prior);
        var resolved = Assert.Single(result.Pairs, p => p.Status == PairStatus.Resolved);
        Assert.Equal(1, resolved.Prior!.FindingId);
        Assert.Null(resolved.Current);
        Assert.Equal(MatchMethod.Unpaired, resolved.Match.Method);
    }

    [Fact]
    public void TheGrowingNodulesChangeAndDoublingTimeFollowItsSize()
    {
        var change = Automatic.Value.PairOfCurrent(1)!.Change!;

        // 8 → 13 mm spheres: volume × 4.29, VDT = ln 2 × 365 / ln 4.29 = 174 days.
        Assert.InRange(change.MeanDiameterChangeMm, 3.5, 6.5);
        Assert.InRange(change.DoublingTime.DoublingTimeDays!.Value, 174 * 0.8, 174 * 1.2);
        Assert.Equal(NoiseBoundChange.Increased, change.BeyondNoise);
        Assert.Equal(ComparisonScenario.IntervalDays, change.IntervalDays);
    }

    [Fact]
    public void TheCurrentExamIsCategorisedAsAFollowUp()
    {
        var result = Automatic.Value;
        var grown = result.PairOfCurrent(1)!.LungRads!;

        Assert.Equal(NoduleTrajectory.Growing, grown.Trajectory);
        // Growing and ≥ 8 mm: 4B (the nodule is solid).
        Assert.Equal(LungRadsCategory.Category4B, grown.Category);
        Assert.Equal(NoduleTrajectory.New, result.PairOfCurrent(4)!.LungRads!.Trajectory);
        Assert.Equal(NoduleTrajectory.Stable, result.PairOfCurrent(2)!.LungRads!.Trajectory);
        Assert.Equal(ExamRound.FollowUp, result.CurrentAssessment.Exam.Round);
        Assert.Equal("4B", result.CurrentAssessment.LungRads.CategoryLabel);
        Assert.Equal(4, result.CurrentFindings.Count);
    }

    [Fact]
    public void TheUserCanSplitAPairAndForceAnother()
    {
        var s = ComparisonScenario.Shared.Value;
        // Prior 2 is not current 1 (so: resolved and new), and prior 3 is current 3 (not what the images say).
        PairOverride[] overrides = [new(2, null), new(null, 1), new(3, 3)];

        var result = new ExamComparer().Compare(s.Prior, s.Current, PatientContext.Unknown, ExamPurpose.LungCancerScreening, overrides);

        Assert.Equal(PairStatus.New, result.PairOfCurrent(1)!.Status);
        var forced = result.PairOfCurrent(3)!;
        Assert.Equal(MatchMethod.User, forced.Match.Method);
        Assert.Equal(3, forced.Prior!.FindingId);
        Assert.Equal(1, forced.Match.Confidence);
        Assert.Contains(result.Pairs, p => p.Status == PairStatus.Resolved && p.Prior!.FindingId == 2);
        Assert.Contains(result.Pairs, p => p.Status == PairStatus.Resolved && p.Prior!.FindingId == 4);
    }

    [Fact]
    public void RejectsPairsOfUnknownFindingsAndAnEarlierCurrentExam()
    {
        var s = ComparisonScenario.Shared.Value;
        var comparer = new ExamComparer();

        var unknown = Assert.Throws<ArgumentException>(() => comparer.Compare(s.Prior, s.Current, PatientContext.Unknown, ExamPurpose.Unknown, [new PairOverride(9, 1)]));
        Assert.Contains("no finding 9", unknown.Message);
        var order = Assert.Throws<ArgumentException>(() => comparer.Compare(s.Current, s.Prior, PatientContext.Unknown, ExamPurpose.Unknown));
        Assert.Contains("must be later", order.Message);
    }

    [Fact]
    public void TheDocumentHasOneEntryPerPairWithTheCalls()
    {
        var s = ComparisonScenario.Shared.Value;
        var document = ComparisonDocumentBuilder.Build(Automatic.Value, s.Prior, s.Current, new ComparisonSources("prior.nii", "current.nii"), "1.0.0");
        string json = ComparisonJson.Serialize(document);

        Assert.Equal(ComparisonDocument.SchemaId, document.Schema);
        Assert.Equal(365, document.IntervalDays);
        Assert.Equal("2025-03-01", document.Prior.StudyDate);
        Assert.Equal(1, document.Summary.Growing);
        Assert.Equal(1, document.Summary.New);
        Assert.Equal(1, document.Summary.Resolved);
        Assert.Equal(2, document.Summary.Stable);
        Assert.Equal("4B", document.Summary.LungRadsCategory);
        Assert.Contains("\"status\": \"growing\"", json);
        Assert.Contains("\"method\": \"automatic\"", json);
        Assert.Contains("\"volumeDoublingTimeDays\"", json);
        Assert.Equal(9, document.Registration.CurrentToPriorMatrix.Length);
    }
}
