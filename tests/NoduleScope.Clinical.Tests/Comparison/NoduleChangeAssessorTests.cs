using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Growth;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class NoduleChangeAssessorTests
{
    [Fact]
    public void AGrowingNoduleHasItsDoublingTimeAndTheLungRadsGrowthCall()
    {
        var change = NoduleChangeAssessor.Assess(Nodule(6.0, 113), Nodule(8.0, 268), 365);

        Assert.Equal(2.0, change.MeanDiameterChangeMm, 9);
        Assert.Equal(155, change.VolumeChangeMm3, 9);
        Assert.Equal(137.168142, change.VolumeChangePercent, 4);
        // ln 2 × 365 / ln(268 / 113) = 293.0 days.
        Assert.Equal(293.0, change.DoublingTime.DoublingTimeDays!.Value, 1);
        Assert.Equal(BtsVolumeReading.Suspicious, change.DoublingTime.Reading);
        Assert.Equal(GrowthCall.Growing, change.Growth.Call);
        Assert.Equal(GrowthCall.Growing, change.VolumeGrowth.Call);
        Assert.Equal(GrowthCall.Growing, change.Call);
        Assert.Equal(NoiseBoundChange.Increased, change.BeyondNoise);
        Assert.Empty(change.Notes);
    }

    [Fact]
    public void VolumeGrowthCountsWhenTheAxialDiameterMissesIt()
    {
        // Axial +0.6 mm (not Lung-RADS growth) but the volume tripled: sphere-equivalent 5.0 → 7.2 mm.
        var volumes = new PairVolumes(65, 195, RegisteredVolumetry.SubtractionMethod, 130);
        var change = NoduleChangeAssessor.Assess(Nodule(6.7, 76), Nodule(7.3, 93), volumes, 365);

        Assert.Equal(GrowthCall.NotGrowing, change.Growth.Call);
        Assert.Equal(GrowthCall.Growing, change.VolumeGrowth.Call);
        Assert.Equal(GrowthCall.Growing, change.Call);
        Assert.Equal(200, change.VolumeChangePercent, 6);
        Assert.Contains(change.Notes, n => n.Contains("not in the axial mean diameter"));
    }

    [Fact]
    public void ASmallChangeIsWithinNoise()
    {
        var change = NoduleChangeAssessor.Assess(Nodule(6.0, 113), Nodule(7.2, 130), 365);

        Assert.Equal(GrowthCall.NotGrowing, change.Growth.Call);
        Assert.Equal(NoiseBoundChange.WithinNoise, change.BeyondNoise);
        Assert.Equal(BtsVolumeReading.Stable, change.DoublingTime.Reading);
    }

    [Fact]
    public void ADiameterIncreaseWithoutVolumeIncreaseIsNotBeyondNoise()
    {
        // +1.6 mm in diameter (Lung-RADS growth) but +10 % in volume: the measurements disagree.
        var change = NoduleChangeAssessor.Assess(Nodule(6.0, 113), Nodule(7.6, 124), 300);

        Assert.Equal(GrowthCall.Growing, change.Growth.Call);
        Assert.Equal(GrowthCall.NotGrowing, change.Call);
        Assert.Equal(NoiseBoundChange.WithinNoise, change.BeyondNoise);
        Assert.Contains(change.Notes, n => n.Contains("check both segmentations"));
    }

    [Fact]
    public void AShrinkingNoduleHasANegativeDoublingTime()
    {
        var change = NoduleChangeAssessor.Assess(Nodule(8.0, 268), Nodule(6.0, 113), 180);

        Assert.Equal(-2.0, change.MeanDiameterChangeMm, 9);
        Assert.True(change.DoublingTime.DoublingTimeDays < 0);
        Assert.Equal(BtsVolumeReading.Decreased, change.DoublingTime.Reading);
        Assert.Equal(NoiseBoundChange.Decreased, change.BeyondNoise);
    }

    [Fact]
    public void DifferentReadersNeedALargerChange()
    {
        // +2.0 mm exceeds the same-reader bound (1.5 mm) but not the different-reader bound (2.2 mm).
        var change = NoduleChangeAssessor.Assess(Nodule(6.0, 113), Nodule(8.0, 268), 365, MeasurementReaders.DifferentReaders);

        Assert.Equal(GrowthCall.NotGrowing, change.Call);
        Assert.Equal(NoiseBoundChange.WithinNoise, change.BeyondNoise);
    }

    private static NoduleAssessmentInput Nodule(double meanDiameterMm, double volumeMm3) =>
        new() { Type = NoduleType.Solid, MeanDiameterMm = meanDiameterMm, VolumeMm3 = volumeMm3 };
}
