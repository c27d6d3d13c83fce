using NoduleScope.Clinical.LungRads;

namespace NoduleScope.Clinical.Tests.LungRads;

public sealed class LungRadsRuleTableTests
{
    public static TheoryData<NoduleType> Types => [NoduleType.Solid, NoduleType.PartSolid, NoduleType.NonSolid];

    // Exactly one row must match every size on every course, or the category would depend on row order.
    [Theory]
    [MemberData(nameof(Types))]
    public void EverySizeOnEveryCourseMatchesExactlyOneRow(NoduleType type)
    {
        var table = LungRadsRuleTables.For(type);
        NoduleTrajectory[] courses = [NoduleTrajectory.Baseline, NoduleTrajectory.New, NoduleTrajectory.Stable, NoduleTrajectory.Growing];
        foreach (var course in courses)
        {
            for (double total = 0.1; total <= 50; total = Math.Round(total + 0.1, 1))
            {
                double[] solids = type == NoduleType.PartSolid ? Enumerable.Range(1, (int)(total * 10)).Select(i => i / 10.0).ToArray() : [0];
                foreach (double solid in solids)
                {
                    var size = new MeasuredSize(SizeMeasure.MeanDiameter, total);
                    var solidSize = new MeasuredSize(SizeMeasure.MeanDiameter, solid);
                    int matches = table.Count(rule => rule.AppliesTo.Contains(course) && rule.Nodule.Contains(size)
                        && (!rule.NeedsSolidComponent || rule.SolidComponent.Contains(solidSize)));
                    Assert.True(matches == 1, $"{type} {course} {total}/{solid} mm matches {matches} rows");
                }
            }
        }
    }

    [Fact]
    public void VolumeThresholdsAreTheSphereEquivalentsRounded()
    {
        SizeThreshold[] thresholds =
        [
            LungRadsRuleTables.Mm4, LungRadsRuleTables.Mm6, LungRadsRuleTables.Mm8, LungRadsRuleTables.Mm10,
            LungRadsRuleTables.Mm15, LungRadsRuleTables.Mm30,
        ];
        Assert.All(thresholds, t => Assert.Equal(Math.Round(NoduleSizes.SphereVolume(t.DiameterMm)), t.VolumeMm3));
    }
}
