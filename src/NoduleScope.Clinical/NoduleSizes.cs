namespace NoduleScope.Clinical;

/// <summary>Size conventions of clinical-rules.md: mean diameter to 0.1 mm, volume to 1 mm³, sphere equivalents.</summary>
internal static class NoduleSizes
{
    public static double? MeanDiameter(double? meanDiameterMm, double? longAxisMm, double? shortAxisMm) =>
        meanDiameterMm ?? (longAxisMm is { } longAxis && shortAxisMm is { } shortAxis ? (longAxis + shortAxis) / 2 : null);

    public static double? MeanDiameter(NoduleAssessmentInput nodule) =>
        MeanDiameter(nodule.MeanDiameterMm, nodule.LongAxisMm, nodule.ShortAxisMm);

    // Scaling by 10 first keeps 5.95 → 6.0 (Math.Round with digits works on the binary value and can give 5.9).
    public static double RoundToTenth(double value) => Math.Round(value * 10, MidpointRounding.AwayFromZero) / 10;

    public static double RoundToWhole(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    public static double SphereVolume(double diameterMm) => Math.PI * diameterMm * diameterMm * diameterMm / 6;

    public static double SphereEquivalentDiameter(double volumeMm3) => Math.Cbrt(6 * volumeMm3 / Math.PI);

    /// <summary>The preferred measure when it was measured, otherwise the other one; null when neither was.</summary>
    public static MeasuredSize? Choose(double? meanDiameterMm, double? volumeMm3, SizeMeasure preferred)
    {
        MeasuredSize? diameter = meanDiameterMm is { } d ? new MeasuredSize(SizeMeasure.MeanDiameter, RoundToTenth(d)) : null;
        MeasuredSize? volume = volumeMm3 is { } v ? new MeasuredSize(SizeMeasure.Volume, RoundToWhole(v)) : null;
        return preferred == SizeMeasure.MeanDiameter ? diameter ?? volume : volume ?? diameter;
    }

    /// <summary>The measure that was not chosen, when it was measured too (to cross-check a category).</summary>
    public static MeasuredSize? Alternative(double? meanDiameterMm, double? volumeMm3, MeasuredSize? chosen) =>
        chosen?.Measure switch
        {
            SizeMeasure.MeanDiameter when volumeMm3 is { } v => new MeasuredSize(SizeMeasure.Volume, RoundToWhole(v)),
            SizeMeasure.Volume when meanDiameterMm is { } d => new MeasuredSize(SizeMeasure.MeanDiameter, RoundToTenth(d)),
            _ => null,
        };
}
