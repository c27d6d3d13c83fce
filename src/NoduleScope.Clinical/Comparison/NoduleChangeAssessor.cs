using System.Globalization;
using NoduleScope.Clinical.Growth;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// Size change of one nodule between two exams. Two diameter measures go into the growth call: the axial mean diameter
/// (what Lung-RADS defines growth on) and the sphere-equivalent diameter of the volume (steadier when the nodule is
/// small or the slices are thick); either must exceed Lung-RADS' 1.5 mm within 12 months (and the diameter noise), and
/// the volume must also have changed beyond the ±25 % measurement variability (BTS), so one noisy measure alone does
/// not make a nodule grow.
/// </summary>
public static class NoduleChangeAssessor
{
    /// <summary>BTS (clinical-rules.md, volume doubling time): a volume change under 25 % is within measurement variability.</summary>
    public const double VolumeNoisePercent = VolumeDoublingTime.StableChangePercent;

    /// <summary>The change with the volumes of the guideline inputs.</summary>
    public static NoduleChange Assess(NoduleAssessmentInput prior, NoduleAssessmentInput current, double intervalDays, MeasurementReaders readers = MeasurementReaders.SameReader) =>
        Assess(prior, current, new PairVolumes(Required(prior.VolumeMm3, "prior volume"), Required(current.VolumeMm3, "current volume"), "as measured", null), intervalDays, readers);

    public static NoduleChange Assess(NoduleAssessmentInput prior, NoduleAssessmentInput current, PairVolumes volumes, double intervalDays, MeasurementReaders readers = MeasurementReaders.SameReader)
    {
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(volumes);
        double priorDiameter = Required(NoduleSizes.MeanDiameter(prior), "prior mean diameter");
        double currentDiameter = Required(NoduleSizes.MeanDiameter(current), "current mean diameter");
        // A segmented nodule has at least one voxel; volumes are kept ≥ 1 mm³ so the doubling time stays finite.
        double priorVolume = Math.Max(1, Math.Round(volumes.PriorMm3));
        double currentVolume = Math.Max(1, Math.Round(volumes.CurrentMm3));
        var vdt = VolumeDoublingTime.Assess(new VolumeDoublingTimeInput
        {
            PriorVolumeMm3 = priorVolume,
            CurrentVolumeMm3 = currentVolume,
            IntervalDays = intervalDays,
            PriorMeanDiameterMm = priorDiameter,
            CurrentMeanDiameterMm = currentDiameter,
            Readers = readers,
        });
        var diameterGrowth = vdt.DiameterGrowth;
        var volumeGrowth = NoduleGrowth.Assess(null, priorVolume, null, currentVolume, intervalDays, readers);

        double diameterChange = NoduleSizes.RoundToTenth(NoduleSizes.RoundToTenth(currentDiameter) - NoduleSizes.RoundToTenth(priorDiameter));
        double equivalentChange = volumeGrowth.ChangeMm ?? 0;
        double noise = NoduleGrowth.NoiseBoundMm(readers);
        double percent = vdt.VolumeChangePercent;
        bool volumeUp = percent >= VolumeNoisePercent, volumeDown = percent <= -VolumeNoisePercent;
        var beyond = volumeUp && (diameterChange > noise || equivalentChange > noise) ? NoiseBoundChange.Increased
            : volumeDown && (diameterChange < -noise || equivalentChange < -noise) ? NoiseBoundChange.Decreased
            : NoiseBoundChange.WithinNoise;

        string numbers = Invariant($"axial mean diameter {priorDiameter:0.0} → {currentDiameter:0.0} mm ({diameterChange:+0.0;-0.0;0.0}), sphere-equivalent {volumeGrowth.PriorSizeMm:0.0} → {volumeGrowth.CurrentSizeMm:0.0} mm ({equivalentChange:+0.0;-0.0;0.0}), volume {percent:+0;-0;0} % ({volumes.Method}) in {intervalDays:0} days");
        var (call, reason) = (diameterGrowth.Call, volumeGrowth.Call) switch
        {
            _ when volumeUp && (diameterGrowth.Call == GrowthCall.Growing || volumeGrowth.Call == GrowthCall.Growing) =>
                (GrowthCall.Growing, $"Growing: {numbers}; more than 1.5 mm within 12 months, volume beyond ±{VolumeNoisePercent:0} %."),
            _ when volumeUp && (diameterGrowth.Call == GrowthCall.SlowGrowth || volumeGrowth.Call == GrowthCall.SlowGrowth) =>
                (GrowthCall.SlowGrowth, $"Slow growth: {numbers}; beyond the threshold but not more than 1.5 mm per 12 months."),
            (GrowthCall.NotAssessed, GrowthCall.NotAssessed) => (GrowthCall.NotAssessed, "Growth not assessed: a size is missing."),
            _ => (GrowthCall.NotGrowing, $"Not growing: {numbers}."),
        };

        var notes = new List<string>(vdt.Notes);
        if (diameterGrowth.Call == GrowthCall.Growing && call != GrowthCall.Growing)
        {
            notes.Add(Invariant($"The axial mean diameter grew by {diameterChange:0.0} mm (Lung-RADS growth, used for the Lung-RADS category) but the volume changed by {percent:+0;-0;0} % only: check both segmentations."));
        }
        else if (call == GrowthCall.Growing && diameterGrowth.Call != GrowthCall.Growing)
        {
            notes.Add(Invariant($"Growth shows in the volume ({percent:+0;-0;0} %, sphere-equivalent {equivalentChange:+0.0;-0.0} mm) but not in the axial mean diameter ({diameterChange:+0.0;-0.0;0.0} mm), on which the Lung-RADS category is based: review."));
        }

        return new NoduleChange(intervalDays, diameterChange, currentVolume - priorVolume, percent, volumes with { PriorMm3 = priorVolume, CurrentMm3 = currentVolume },
            vdt, diameterGrowth, volumeGrowth, call, reason, beyond, notes);
    }

    private static double Required(double? value, string name) =>
        value ?? throw new ArgumentException($"the {name} is needed to assess the change", name);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
