using NoduleScope.Clinical.Growth;
using static NoduleScope.Clinical.Fleischner.FleischnerNoduleGroup;

namespace NoduleScope.Clinical.Fleischner;

/// <summary>
/// Fleischner Society 2017 recommendations for incidental pulmonary nodules (age ≥ 35; not screening, not known cancer,
/// not immunosuppressed). Size is the mean of the long and short axes rounded to the nearest whole mm (5.5 → 6), or the
/// volume when one was measured (thresholds 100 and 250 mm³).
/// </summary>
public static class Fleischner2017
{
    public const double MinimumAgeYears = 35;

    // Fleischner 2017 size bands (clinical-rules.md): < 6 mm (< 100 mm³), 6–8 mm (100–250 mm³), > 8 mm (> 250 mm³).
    private static readonly SizeRange Below6 = new(SizeInterval.Below(6), SizeInterval.Below(100));
    private static readonly SizeRange From6To8 = new(SizeInterval.Inclusive(6, 8), SizeInterval.Inclusive(100, 250));
    private static readonly SizeRange Above8 = new(SizeInterval.Above(8), SizeInterval.Above(250));
    private static readonly SizeRange AtLeast6 = new(SizeInterval.AtLeast(6), SizeInterval.AtLeast(100));

    private const string NoRoutineFollowUp = "No routine follow-up";
    private const string OptionalCtAt12Months = "Optional CT at 12 months";

    // Fleischner Society 2017 table as given in clinical-rules.md; a null high-risk text means "same as low risk".
    private static readonly FleischnerRule[] Table =
    [
        new(SingleSolid, Below6, NoRoutineFollowUp, OptionalCtAt12Months),
        new(SingleSolid, From6To8, "CT at 6–12 months, then consider CT at 18–24 months",
            "CT at 6–12 months, then CT at 18–24 months"),
        new(SingleSolid, Above8, "Consider CT at 3 months, PET/CT or tissue sampling"),
        new(MultipleSolid, Below6, NoRoutineFollowUp, OptionalCtAt12Months),
        new(MultipleSolid, AtLeast6, "CT at 3–6 months, then consider CT at 18–24 months",
            "CT at 3–6 months, then CT at 18–24 months"),
        new(SingleGroundGlass, Below6, NoRoutineFollowUp),
        new(SingleGroundGlass, AtLeast6, "CT at 6–12 months, then CT every 2 years until 5 years if persistent"),
        new(SinglePartSolid, Below6, NoRoutineFollowUp),
        new(SinglePartSolid, AtLeast6, "CT at 3–6 months; if persistent and solid part < 6 mm, annual CT for 5 years"),
        new(MultipleSubsolid, Below6, "CT at 3–6 months; if stable consider CT at 2 and 4 years"),
        new(MultipleSubsolid, AtLeast6, "CT at 3–6 months; then by the most suspicious nodule"),
    ];

    // Fleischner 2017 (clinical-rules.md): a part-solid nodule with a solid part ≥ 6 mm, or growing, is highly suspicious.
    public const double SuspiciousSolidPartMm = 6;

    public static FleischnerResult Recommend(
        NoduleAssessmentInput nodule,
        PatientContext patient,
        ExamContext exam,
        SizeMeasure preferredMeasure = SizeMeasure.Volume)
    {
        var warnings = NoduleInputValidation.Validate(nodule);
        NoduleInputValidation.Validate(patient);
        NoduleInputValidation.Validate(exam);

        var size = FleischnerSize(nodule, preferredMeasure) ?? throw new ArgumentException(
            "Fleischner needs the nodule's axes, mean diameter or volume.", nameof(nodule));
        if (exam.NoduleCount == 0)
        {
            warnings.Add("The exam reports no nodules; this nodule is treated as single.");
        }

        var group = GroupOf(nodule.Type, exam.NoduleCount > 1);
        var rule = Match(group, size);
        var otherSize = FleischnerSize(nodule, size.Measure == SizeMeasure.Volume ? SizeMeasure.MeanDiameter : SizeMeasure.Volume);
        if (otherSize is not null && otherSize.Measure != size.Measure && Match(group, otherSize) is var otherRule &&
            otherRule != rule)
        {
            warnings.Add($"By {(otherSize.Measure == SizeMeasure.Volume ? "volume" : "mean diameter")} " +
                $"({otherSize.Describe()}) the nodule falls in the {otherRule.Size.Describe(otherSize.Measure)} row instead: " +
                "the diameter and the volume disagree; review the measurement.");
        }

        string sizeName = size.Measure == SizeMeasure.MeanDiameter ? "mean diameter" : "volume";
        string reason = $"{GroupName(group)}, {sizeName} {Describe(size)} is {rule.Size.Describe(size.Measure)}.";
        var notReasons = NotApplicableReasons(patient, exam, warnings);
        if (nodule.Calcification == CalcificationPattern.Benign || nodule.FatContaining)
        {
            warnings.Add("The nodule has a benign feature (benign calcification or fat); the table is for indeterminate nodules.");
        }

        var recommendations = new List<FleischnerRecommendation>();
        if (notReasons.Count == 0)
        {
            if (rule.HighRisk is null)
            {
                recommendations.Add(new(null, rule.LowRisk));
            }
            else if (patient.LungCancerRisk is { } risk)
            {
                recommendations.Add(new(risk, risk == RiskLevel.High ? rule.HighRisk : rule.LowRisk));
            }
            else
            {
                warnings.Add("Risk level unknown: the recommendations for low and high risk are both given.");
                recommendations.Add(new(RiskLevel.Low, rule.LowRisk));
                recommendations.Add(new(RiskLevel.High, rule.HighRisk));
            }
        }

        return new FleischnerResult(notReasons.Count == 0, notReasons, group, size, rule.Size.Describe(), reason,
            patient.LungCancerRisk, recommendations, PartSolidNotes(nodule), warnings, nodule, patient, exam);
    }

    private static MeasuredSize? FleischnerSize(NoduleAssessmentInput nodule, SizeMeasure preferred)
    {
        // The unrounded mean of the axes is rounded once, so 6.0 × 5.0 mm → 5.5 → 6 mm.
        double? mean = nodule.LongAxisMm is { } longAxis && nodule.ShortAxisMm is { } shortAxis
            ? (longAxis + shortAxis) / 2
            : nodule.MeanDiameterMm;
        MeasuredSize? diameter = mean is { } d ? new(SizeMeasure.MeanDiameter, NoduleSizes.RoundToWhole(d)) : null;
        MeasuredSize? volume = nodule.VolumeMm3 is { } v ? new(SizeMeasure.Volume, NoduleSizes.RoundToWhole(v)) : null;
        return preferred == SizeMeasure.Volume ? volume ?? diameter : diameter ?? volume;
    }

    private static FleischnerNoduleGroup GroupOf(NoduleType type, bool multiple) => (type, multiple) switch
    {
        (NoduleType.Solid, false) => SingleSolid,
        (NoduleType.Solid, true) => MultipleSolid,
        (NoduleType.NonSolid, false) => SingleGroundGlass,
        (NoduleType.PartSolid, false) => SinglePartSolid,
        _ => MultipleSubsolid,
    };

    private static FleischnerRule Match(FleischnerNoduleGroup group, MeasuredSize size) =>
        Table.Single(rule => rule.Group == group && rule.Size.Contains(size));

    private static List<string> NotApplicableReasons(PatientContext patient, ExamContext exam, List<string> warnings)
    {
        var reasons = new List<string>();
        if (patient.AgeYears is { } age)
        {
            if (age < MinimumAgeYears)
            {
                reasons.Add(FormattableString.Invariant(
                    $"Patient aged {age:0.#} years: Fleischner 2017 applies from 35 years."));
            }
        }
        else
        {
            warnings.Add("Age unknown: Fleischner 2017 applies only to patients aged 35 or older.");
        }

        switch (exam.Purpose)
        {
            case ExamPurpose.LungCancerScreening:
                reasons.Add("Lung cancer screening exam: use Lung-RADS, not Fleischner.");
                break;
            case ExamPurpose.Unknown:
                warnings.Add("Exam purpose unknown: assumed not a screening exam (Fleischner does not apply to screening).");
                break;
        }

        AddCondition(patient.KnownCancer, "Known cancer: Fleischner 2017 does not apply (nodules may be metastases).",
            "Known cancer unknown: assumed none (Fleischner does not apply to patients with a known cancer).");
        AddCondition(patient.Immunosuppressed,
            "Immunosuppressed patient: Fleischner 2017 does not apply (nodules may be infection).",
            "Immune status unknown: assumed not immunosuppressed (Fleischner does not apply to immunosuppressed patients).");
        return reasons;

        void AddCondition(bool? present, string reasonIfPresent, string warningIfUnknown)
        {
            if (present == true)
            {
                reasons.Add(reasonIfPresent);
            }
            else if (present is null)
            {
                warnings.Add(warningIfUnknown);
            }
        }
    }

    private static List<string> PartSolidNotes(NoduleAssessmentInput nodule)
    {
        var notes = new List<string>();
        if (nodule.Type != NoduleType.PartSolid)
        {
            return notes;
        }

        double? solidPart = nodule.SolidComponentMeanDiameterMm
            ?? (nodule.SolidComponentVolumeMm3 is { } volume ? NoduleSizes.SphereEquivalentDiameter(volume) : null);
        if (solidPart is { } solid && NoduleSizes.RoundToWhole(solid) >= SuspiciousSolidPartMm)
        {
            notes.Add(FormattableString.Invariant($"Solid part {NoduleSizes.RoundToWhole(solid):0} mm (≥ 6 mm): ") +
                "highly suspicious (PET/CT, biopsy or resection).");
        }

        if (nodule.Prior is { } prior)
        {
            var growth = NoduleGrowth.AssessSolidComponent(nodule, prior) is { Call: GrowthCall.Growing } solidGrowth
                ? solidGrowth
                : NoduleGrowth.AssessWholeNodule(nodule, prior);
            if (growth.Call == GrowthCall.Growing)
            {
                notes.Add($"Growing part-solid nodule ({growth.Reason.TrimEnd('.')}): highly suspicious (PET/CT, biopsy or resection).");
            }
        }

        return notes;
    }

    private static string Describe(MeasuredSize size) => size.Measure == SizeMeasure.MeanDiameter
        ? FormattableString.Invariant($"{size.Value:0} mm")
        : size.Describe();

    private static string GroupName(FleischnerNoduleGroup group) => group switch
    {
        SingleSolid => "Single solid nodule",
        MultipleSolid => "Multiple solid nodules",
        SingleGroundGlass => "Single ground-glass nodule",
        SinglePartSolid => "Single part-solid nodule",
        _ => "Multiple subsolid nodules",
    };
}
