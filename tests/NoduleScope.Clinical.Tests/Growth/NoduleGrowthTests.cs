using NoduleScope.Clinical.Growth;

namespace NoduleScope.Clinical.Tests.Growth;

public sealed class NoduleGrowthTests
{
    [Theory]
    [InlineData(6.2, 7.7, 180, GrowthCall.NotGrowing)] // exactly +1.5 mm
    [InlineData(6.2, 7.8, 180, GrowthCall.Growing)]
    [InlineData(6.2, 7.8, 365, GrowthCall.Growing)]
    [InlineData(6.0, 9.0, 730, GrowthCall.SlowGrowth)] // 1.5 mm per 12 months
    [InlineData(6.0, 9.2, 730, GrowthCall.Growing)] // 1.6 mm per 12 months
    [InlineData(8.0, 6.0, 180, GrowthCall.NotGrowing)]
    public void LungRadsDefinition(double prior, double current, double days, GrowthCall expected)
    {
        var growth = NoduleGrowth.Assess(prior, null, current, null, days);
        Assert.Equal(expected, growth.Call);
        Assert.Equal(NoduleGrowth.LungRadsGrowthMm, growth.ThresholdMm);
    }

    [Theory]
    [InlineData(MeasurementReaders.SameReader, 1.6, GrowthCall.Growing)]
    [InlineData(MeasurementReaders.DifferentReaders, 1.6, GrowthCall.NotGrowing)]
    [InlineData(MeasurementReaders.DifferentReaders, 2.2, GrowthCall.NotGrowing)]
    [InlineData(MeasurementReaders.DifferentReaders, 2.3, GrowthCall.Growing)]
    public void NoGrowthWithinMeasurementNoise(MeasurementReaders readers, double change, GrowthCall expected) =>
        Assert.Equal(expected, NoduleGrowth.Assess(10, null, 10 + change, null, 90, readers).Call);

    [Fact]
    public void MixedBasisAndMissingSizes()
    {
        Assert.Equal(GrowthSizeBasis.Mixed, NoduleGrowth.Assess(6, null, null, 523.6, 90).Basis);
        var missing = NoduleGrowth.Assess(null, null, 8, null, 90);
        Assert.Equal(GrowthCall.NotAssessed, missing.Call);
        Assert.Null(missing.ChangeMm);
    }

    [Fact]
    public void ReasonStatesTheNumbers()
    {
        var growth = NoduleGrowth.Assess(6.0, null, 8.0, null, 180);
        Assert.Equal("Growing: 6.0 → 8.0 (+2.0 mm) in 180 days, more than 1.5 mm (Lung-RADS growth; same-reader noise " +
            "±1.3 mm) within 12 months.", growth.Reason);
    }
}
