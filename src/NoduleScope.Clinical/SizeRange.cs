namespace NoduleScope.Clinical;

/// <summary>A guideline size band on both scales: the diameter interval and the equivalent volume interval.</summary>
internal sealed record SizeRange(SizeInterval Diameter, SizeInterval Volume)
{
    public static SizeRange Any { get; } = new(SizeInterval.Any, SizeInterval.Any);

    public bool IsAny => Diameter.IsAny && Volume.IsAny;

    public static SizeRange Below(SizeThreshold upper) =>
        new(SizeInterval.Below(upper.DiameterMm), SizeInterval.Below(upper.VolumeMm3));

    public static SizeRange AtLeast(SizeThreshold lower) =>
        new(SizeInterval.AtLeast(lower.DiameterMm), SizeInterval.AtLeast(lower.VolumeMm3));

    public static SizeRange AtLeastAndBelow(SizeThreshold lower, SizeThreshold upper) =>
        new(SizeInterval.AtLeastAndBelow(lower.DiameterMm, upper.DiameterMm),
            SizeInterval.AtLeastAndBelow(lower.VolumeMm3, upper.VolumeMm3));

    public bool Contains(MeasuredSize size) =>
        size.Measure == SizeMeasure.MeanDiameter ? Diameter.Contains(size.Value) : Volume.Contains(size.Value);

    public string Describe(SizeMeasure measure) =>
        measure == SizeMeasure.MeanDiameter ? Diameter.Describe("mm") : Volume.Describe("mm³");

    /// <summary>Both scales, e.g. "≥ 6 to &lt; 8 mm (≥ 113 to &lt; 268 mm³)".</summary>
    public string Describe() => $"{Diameter.Describe("mm")} ({Volume.Describe("mm³")})";
}
