using System.Globalization;

namespace NoduleScope.Clinical.Growth;

/// <summary>
/// The growth call shared by Lung-RADS, Fleischner notes and the volume doubling time: Lung-RADS' definition, not called
/// within the repeat-measurement noise.
/// </summary>
public static class NoduleGrowth
{
    // Lung-RADS v2022 (clinical-rules.md): growth = mean diameter increase > 1.5 mm within 12 months.
    public const double LungRadsGrowthMm = 1.5;
    public const double GrowthWindowDays = 365;

    // clinical-rules.md, volume doubling time: repeat-scan diameter variability ±1.3 mm (same reader), ±2.2 mm (different).
    public const double SameReaderNoiseMm = 1.3;
    public const double DifferentReadersNoiseMm = 2.2;

    public static double NoiseBoundMm(MeasurementReaders readers) =>
        readers == MeasurementReaders.SameReader ? SameReaderNoiseMm : DifferentReadersNoiseMm;

    /// <summary>
    /// Compares mean diameters where both exams have one, otherwise sphere-equivalent diameters of the volumes. Sizes are
    /// rounded to 0.1 mm first, so 6.2 → 7.7 mm is exactly +1.5 mm (not growth). For intervals longer than 12 months the
    /// change is scaled to 12 months (assuming steady growth) before comparing with 1.5 mm.
    /// </summary>
    public static GrowthAssessment Assess(
        double? priorDiameterMm,
        double? priorVolumeMm3,
        double? currentDiameterMm,
        double? currentVolumeMm3,
        double intervalDays,
        MeasurementReaders readers = MeasurementReaders.SameReader)
    {
        NoduleInputValidation.RequirePositive(intervalDays, nameof(intervalDays));
        NoduleInputValidation.RequirePositive(priorDiameterMm, nameof(priorDiameterMm));
        NoduleInputValidation.RequirePositive(priorVolumeMm3, nameof(priorVolumeMm3));
        NoduleInputValidation.RequirePositive(currentDiameterMm, nameof(currentDiameterMm));
        NoduleInputValidation.RequirePositive(currentVolumeMm3, nameof(currentVolumeMm3));

        double noise = NoiseBoundMm(readers);
        double threshold = Math.Max(LungRadsGrowthMm, noise);
        (double? prior, bool priorFromVolume) = DiameterOrSphereEquivalent(priorDiameterMm, priorVolumeMm3);
        (double? current, bool currentFromVolume) = DiameterOrSphereEquivalent(currentDiameterMm, currentVolumeMm3);
        if (prior is not { } before || current is not { } after)
        {
            return new GrowthAssessment(GrowthCall.NotAssessed, null, prior, current, null, null, intervalDays, threshold,
                readers, "Growth not assessed: the prior or the current size is missing.");
        }

        var basis = (priorFromVolume, currentFromVolume) switch
        {
            (false, false) => GrowthSizeBasis.MeanDiameter,
            (true, true) => GrowthSizeBasis.SphereEquivalentDiameter,
            _ => GrowthSizeBasis.Mixed,
        };
        double change = NoduleSizes.RoundToTenth(after - before);
        string changeText = $"{Mm(before)} → {Mm(after)} ({Signed(change)} mm) in {Days(intervalDays)} days";
        string noiseText = readers == MeasurementReaders.SameReader ? "same-reader" : "different-reader";
        string thresholdText = noise > LungRadsGrowthMm
            ? $"{Mm(threshold)} mm ({noiseText} measurement noise ±{Mm(noise)} mm exceeds Lung-RADS' 1.5 mm)"
            : $"{Mm(threshold)} mm (Lung-RADS growth; {noiseText} noise ±{Mm(noise)} mm)";

        if (change <= threshold)
        {
            return new GrowthAssessment(GrowthCall.NotGrowing, basis, before, after, change, null, intervalDays, threshold,
                readers, $"Not growing: {changeText}, not more than {thresholdText}.");
        }

        if (intervalDays <= GrowthWindowDays)
        {
            return new GrowthAssessment(GrowthCall.Growing, basis, before, after, change, null, intervalDays, threshold,
                readers, $"Growing: {changeText}, more than {thresholdText} within 12 months.");
        }

        double perYear = Math.Round(change * GrowthWindowDays / intervalDays, 2, MidpointRounding.AwayFromZero);
        return perYear > LungRadsGrowthMm
            ? new GrowthAssessment(GrowthCall.Growing, basis, before, after, change, perYear, intervalDays, threshold,
                readers, $"Growing: {changeText} = {Mm(perYear)} mm per 12 months, more than 1.5 mm per 12 months.")
            : new GrowthAssessment(GrowthCall.SlowGrowth, basis, before, after, change, perYear, intervalDays, threshold,
                readers, $"Slow growth: {changeText} = {Mm(perYear)} mm per 12 months, not more than 1.5 mm per 12 months " +
                "(not growth by the Lung-RADS definition).");
    }

    public static GrowthAssessment AssessWholeNodule(NoduleAssessmentInput current, PriorNoduleMeasurement prior) =>
        Assess(prior.MeanDiameterMm, prior.VolumeMm3, NoduleSizes.MeanDiameter(current), current.VolumeMm3,
            prior.IntervalDays, prior.Readers);

    public static GrowthAssessment AssessSolidComponent(NoduleAssessmentInput current, PriorNoduleMeasurement prior) =>
        Assess(prior.SolidComponentMeanDiameterMm, prior.SolidComponentVolumeMm3, current.SolidComponentMeanDiameterMm,
            current.SolidComponentVolumeMm3, prior.IntervalDays, prior.Readers);

    private static (double? DiameterMm, bool FromVolume) DiameterOrSphereEquivalent(double? diameterMm, double? volumeMm3) =>
        diameterMm is { } d ? (NoduleSizes.RoundToTenth(d), false)
        : volumeMm3 is { } v ? (NoduleSizes.RoundToTenth(NoduleSizes.SphereEquivalentDiameter(v)), true)
        : (null, false);

    private static string Mm(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string Days(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
