namespace NoduleScope.Clinical;

/// <summary>
/// Rejects measurements no engine can use (non-finite, zero or negative: results are serialised, so NaN must never get
/// in) and returns warnings for ones that are usable but inconsistent.
/// </summary>
internal static class NoduleInputValidation
{
    public static List<string> Validate(NoduleAssessmentInput nodule)
    {
        ArgumentNullException.ThrowIfNull(nodule);
        RequirePositive(nodule.LongAxisMm, nameof(nodule.LongAxisMm));
        RequirePositive(nodule.ShortAxisMm, nameof(nodule.ShortAxisMm));
        RequirePositive(nodule.MeanDiameterMm, nameof(nodule.MeanDiameterMm));
        RequirePositive(nodule.VolumeMm3, nameof(nodule.VolumeMm3));
        RequirePositive(nodule.SolidComponentMeanDiameterMm, nameof(nodule.SolidComponentMeanDiameterMm));
        RequirePositive(nodule.SolidComponentVolumeMm3, nameof(nodule.SolidComponentVolumeMm3));
        if (nodule.Prior is { } prior)
        {
            RequirePositive(prior.IntervalDays, "Prior.IntervalDays");
            RequirePositive(prior.MeanDiameterMm, "Prior.MeanDiameterMm");
            RequirePositive(prior.VolumeMm3, "Prior.VolumeMm3");
            RequirePositive(prior.SolidComponentMeanDiameterMm, "Prior.SolidComponentMeanDiameterMm");
            RequirePositive(prior.SolidComponentVolumeMm3, "Prior.SolidComponentVolumeMm3");
        }

        var warnings = new List<string>();
        if (nodule.LongAxisMm is { } longAxis && nodule.ShortAxisMm is { } shortAxis && shortAxis > longAxis)
        {
            warnings.Add($"Short axis ({shortAxis} mm) is longer than the long axis ({longAxis} mm).");
        }

        double? mean = NoduleSizes.MeanDiameter(nodule);
        if (nodule.SolidComponentMeanDiameterMm is { } solid && mean is { } total && solid > total)
        {
            warnings.Add($"Solid component ({solid} mm) is larger than the whole nodule ({total} mm).");
        }

        if (nodule.Type != NoduleType.PartSolid &&
            (nodule.SolidComponentMeanDiameterMm is not null || nodule.SolidComponentVolumeMm3 is not null))
        {
            warnings.Add($"A solid component was given for a {nodule.Type} nodule; it is ignored.");
        }

        return warnings;
    }

    public static void Validate(ExamContext exam)
    {
        ArgumentNullException.ThrowIfNull(exam);
        ArgumentOutOfRangeException.ThrowIfNegative(exam.NoduleCount, nameof(exam.NoduleCount));
    }

    public static void Validate(PatientContext patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        if (patient.AgeYears is { } age && (!double.IsFinite(age) || age < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(patient.AgeYears), age, "Must be a finite number of years, 0 or more.");
        }
    }

    public static void RequirePositive(double? value, string name)
    {
        if (value is { } v && (!double.IsFinite(v) || v <= 0))
        {
            throw new ArgumentOutOfRangeException(name, v, "Must be a finite number greater than zero.");
        }
    }
}
