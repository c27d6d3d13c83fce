using NoduleScope.Detection.Scoring;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Detection.Tests;

public sealed class NoduleDetectorTests
{
    [Fact]
    public void RunsEveryStageOnThePhantomAndReportsTimings()
    {
        var volume = SyntheticChestPhantom.Create(160, 100, 2.0, 3);
        var result = new NoduleDetector().Detect(volume);
        Assert.Equal(["lungs", "candidates", "segmentation and scoring", "findings"], result.Timings.Select(t => t.Stage));
        Assert.NotEmpty(result.Candidates);
        Assert.All(result.Candidates, c => Assert.InRange(c.Probability, 0, 1));
        Assert.Equal(LearnedCandidateScorer.Embedded()!.ModelHash, result.ScorerHash);
        Assert.Equal("gbdt-candidate-scorer 1.0", result.ScorerName);

        // Findings are above the threshold, strongest first, numbered from 1, and never two on one nodule.
        for (int i = 0; i < result.Findings.Count; i++)
        {
            Assert.Equal(i + 1, result.Findings[i].Id);
            Assert.True(result.Findings[i].Probability >= NoduleDetectorOptions.DefaultThreshold);
            if (i > 0)
            {
                Assert.True(result.Findings[i].Probability <= result.Findings[i - 1].Probability);
            }

            for (int j = 0; j < i; j++)
            {
                Assert.True((result.Findings[i].Center - result.Findings[j].Center).Length >= 3);
            }
        }

        // The solid phantom nodules of 6 and 8 mm are among the findings, measured within 1.5 mm.
        foreach (var nodule in SyntheticChestPhantom.Nodules(160, 100, 2.0, 3).Where(n => !n.IsGroundGlass && n.DiameterMm <= 8))
        {
            var hit = result.Findings.FirstOrDefault(f => (f.Center - nodule.Center).Length < nodule.DiameterMm / 2);
            Assert.True(hit is not null, $"{nodule.DiameterMm} mm nodule at {nodule.Center} not found");
            Assert.Equal(nodule.DiameterMm, hit.Measurement.MeanDiameterMm, 1.5);
        }
    }

    [Fact]
    public void TheScorerPrefersRoundBlobsOverElongatedOnes()
    {
        var scorer = new HeuristicCandidateScorer();
        var round = new CandidateFeatures { BlobResponse = 300, BlobRadiusMm = 3, Segmented = true, EquivalentDiameterMm = 6, LongAxisMm = 6.5, ShortAxisMm = 6, CraniocaudalExtentMm = 6.2, SurroundingLungFraction = 0.95 };
        var vessel = round with { EquivalentDiameterMm = 5, LongAxisMm = 12, ShortAxisMm = 3 };
        var vesselAcrossSlices = round with { EquivalentDiameterMm = 5, LongAxisMm = 4, ShortAxisMm = 3.5, CraniocaudalExtentMm = 14 };
        var chestWall = round with { SurroundingLungFraction = 0.2 };
        Assert.True(scorer.Score(round) > 0.9);
        Assert.True(scorer.Score(vessel) < 0.2);
        Assert.True(scorer.Score(vesselAcrossSlices) < 0.2);
        Assert.True(scorer.Score(chestWall) < 0.2);
        Assert.True(scorer.Score(round with { Segmented = false }) < 0.05);
    }
}
