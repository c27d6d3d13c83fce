using System.Globalization;

namespace NoduleScope.Clinical.Growth;

/// <summary>Volume doubling time (VDT) with the British Thoracic Society reading.</summary>
public static class VolumeDoublingTime
{
    // BTS reading as given in clinical-rules.md ("Volume doubling time").
    public const double StableChangePercent = 25;
    public const double InfectionBelowDays = 30;
    public const double SuspiciousAtMostDays = 400;
    public const double BiopsyOrSurveillanceAtMostDays = 600;

    public static VolumeDoublingTimeResult Assess(VolumeDoublingTimeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        NoduleInputValidation.RequirePositive(input.PriorVolumeMm3, nameof(input.PriorVolumeMm3));
        NoduleInputValidation.RequirePositive(input.CurrentVolumeMm3, nameof(input.CurrentVolumeMm3));
        NoduleInputValidation.RequirePositive(input.IntervalDays, nameof(input.IntervalDays));

        double ratio = input.CurrentVolumeMm3 / input.PriorVolumeMm3;
        // Rounded so that 100 → 125 mm³ is exactly 25 % and not 24.999999 %.
        double changePercent = Math.Round((input.CurrentVolumeMm3 - input.PriorVolumeMm3) / input.PriorVolumeMm3 * 100, 6);
        var trend = ratio > 1 ? VolumeTrend.Growing : ratio < 1 ? VolumeTrend.Shrinking : VolumeTrend.Unchanged;
        double? vdt = trend == VolumeTrend.Unchanged
            ? null
            : NoduleSizes.RoundToTenth(Math.Log(2) * input.IntervalDays / Math.Log(ratio));

        string change = $"volume {Number(input.PriorVolumeMm3)} → {Number(input.CurrentVolumeMm3)} mm³ " +
            $"({changePercent.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture)} %) in {Number(input.IntervalDays)} days";
        string vdtText = vdt switch
        {
            null => "VDT infinite (volume unchanged)",
            < 0 => $"VDT {Number(vdt.Value)} days (negative: shrinking, halving time {Number(-vdt.Value)} days)",
            _ => $"VDT {Number(vdt.Value)} days",
        };

        (BtsVolumeReading reading, string meaning) = (Math.Abs(changePercent) < StableChangePercent, vdt) switch
        {
            (true, _) => (BtsVolumeReading.Stable, "change < 25 %: stable (BTS)"),
            (false, < 0) => (BtsVolumeReading.Decreased,
                "decrease ≥ 25 %: not growing; the BTS doubling-time thresholds apply to growing nodules"),
            (false, < InfectionBelowDays) => (BtsVolumeReading.SuggestsInfectionOrInflammation,
                "VDT < 30 days: suggests infection or inflammation"),
            (false, <= SuspiciousAtMostDays) => (BtsVolumeReading.Suspicious, "VDT ≤ 400 days: suspicious, work-up (BTS)"),
            (false, <= BiopsyOrSurveillanceAtMostDays) => (BtsVolumeReading.BiopsyOrSurveillance,
                "VDT 400–600 days: biopsy or surveillance by preference (BTS)"),
            _ => (BtsVolumeReading.ConsiderStoppingSurveillance, "VDT > 600 days: consider stopping surveillance (BTS)"),
        };

        var growth = NoduleGrowth.Assess(input.PriorMeanDiameterMm, input.PriorVolumeMm3, input.CurrentMeanDiameterMm,
            input.CurrentVolumeMm3, input.IntervalDays, input.Readers);
        var notes = new List<string>();
        if (reading == BtsVolumeReading.Stable && vdt is not null)
        {
            notes.Add("The doubling time is not interpreted: a volume change under 25 % is within measurement variability.");
        }

        bool volumeGrew = reading is not (BtsVolumeReading.Stable or BtsVolumeReading.Decreased);
        if (volumeGrew && growth.Call == GrowthCall.NotGrowing)
        {
            notes.Add("The volume grew by 25 % or more but the diameter change does not pass the growth threshold or " +
                "measurement noise: check the segmentations on both exams.");
        }
        else if (!volumeGrew && growth.Call == GrowthCall.Growing)
        {
            notes.Add("The diameter grew but the volume did not grow by 25 %: check the measurements on both exams.");
        }

        return new VolumeDoublingTimeResult(input, ratio, changePercent, vdt, trend, reading,
            $"{char.ToUpperInvariant(change[0])}{change[1..]}; {vdtText}; {meaning}.", growth, notes);
    }

    /// <summary>The nodule's VDT against its matched prior, or null when either exam has no volume.</summary>
    public static VolumeDoublingTimeResult? AssessAgainstPrior(NoduleAssessmentInput nodule)
    {
        ArgumentNullException.ThrowIfNull(nodule);
        if (nodule.Prior is not { VolumeMm3: { } priorVolume } prior || nodule.VolumeMm3 is not { } currentVolume)
        {
            return null;
        }

        return Assess(new VolumeDoublingTimeInput
        {
            PriorVolumeMm3 = priorVolume,
            CurrentVolumeMm3 = currentVolume,
            IntervalDays = prior.IntervalDays,
            PriorMeanDiameterMm = prior.MeanDiameterMm,
            CurrentMeanDiameterMm = NoduleSizes.MeanDiameter(nodule),
            Readers = prior.Readers,
        });
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
