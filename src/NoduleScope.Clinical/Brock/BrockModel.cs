using System.Globalization;

namespace NoduleScope.Clinical.Brock;

/// <summary>
/// The Brock University (PanCan) full model with spiculation (McWilliams et al., NEJM 2013).
/// Unknown inputs: age takes the centring value 62 (with a warning); unknown yes/no inputs (sex, family history,
/// emphysema, upper lobe) take their higher-risk value (female, yes, yes, yes) so that a missing input never lowers the
/// estimate, and <see cref="BrockResult.Range"/> gives the estimate at their lower-risk values too. A nodule with only a
/// volume uses its sphere-equivalent diameter. Inputs outside 18–100 years or 1–30 mm are flagged, not clamped.
/// </summary>
public static class BrockModel
{
    // PanCan full model with spiculation, McWilliams et al., NEJM 2013 (coefficients as in clinical-rules.md).
    public const double Intercept = -6.78917;
    public const double AgePerYear = 0.0286687;
    public const double AgeCentreYears = 62;
    public const double Female = 0.6010727;
    public const double FamilyHistory = 0.296109;
    public const double Emphysema = 0.2953112;
    public const double SizeTransformed = -5.385484;
    public const double SizeCentre = 1.58113883; // 0.4^(−0.5): the transform of 4 mm
    public const double PartSolid = 0.3769578;
    public const double NonSolid = -0.1276173;
    public const double UpperLobe = 0.6581383;
    public const double Spiculation = 0.7729335;
    public const double PerNodule = -0.0824156;
    public const double NoduleCountCentre = 4;

    // Valid ranges used in practice (clinical-rules.md).
    public const double MinimumAgeYears = 18;
    public const double MaximumAgeYears = 100;
    public const double MinimumSizeMm = 1;
    public const double MaximumSizeMm = 30;

    // British Thoracic Society (clinical-rules.md): for nodules ≥ 8 mm, Brock < 10 % vs ≥ 10 % decides on work-up.
    public const double BtsMinimumSizeMm = 8;
    public const double BtsWorkUpProbability = 0.10;

    public static BrockResult Estimate(NoduleAssessmentInput nodule, PatientContext patient, ExamContext exam)
    {
        var warnings = NoduleInputValidation.Validate(nodule);
        NoduleInputValidation.Validate(patient);
        NoduleInputValidation.Validate(exam);
        var unknown = new List<AssumedInput>();

        double size = NoduleSizes.RoundToTenth(NoduleSizes.MeanDiameter(nodule) ?? SphereEquivalentSize(nodule, unknown));
        double age = patient.AgeYears ?? AgeCentreYears;
        if (patient.AgeYears is null)
        {
            unknown.Add(new("age", Text(AgeCentreYears) + " years",
                "Unknown age: the model's centring value is used (adds nothing to the logit); the range does not cover it."));
            warnings.Add("Age unknown: 62 years (the model's centring value) was assumed; give the age for a valid estimate.");
        }

        int count = exam.NoduleCount;
        if (count < 1)
        {
            warnings.Add("The exam reports no nodules; a nodule count of 1 was used.");
            count = 1;
        }

        var high = new BrockInputs(age,
            patient.Sex ?? AssumeUnknown(unknown, "sex", PatientSex.Female, "female"),
            patient.FamilyHistoryOfLungCancer ?? AssumeUnknown(unknown, "family history of lung cancer", true, "yes"),
            patient.Emphysema ?? AssumeUnknown(unknown, "emphysema", true, "yes"),
            size,
            nodule.Type,
            nodule.UpperLobe ?? AssumeUnknown(unknown, "upper lobe", true, "yes"),
            nodule.Spiculated,
            count);
        var low = high with
        {
            Sex = patient.Sex ?? PatientSex.Male,
            FamilyHistoryOfLungCancer = patient.FamilyHistoryOfLungCancer ?? false,
            Emphysema = patient.Emphysema ?? false,
            UpperLobe = nodule.UpperLobe ?? false,
        };

        var terms = Terms(high);
        double logit = terms.Sum(term => term.Contribution);
        double probability = Logistic(logit);
        var range = new ProbabilityRange(Logistic(Terms(low).Sum(term => term.Contribution)), probability);

        var outOfRange = new List<OutOfRangeInput>();
        FlagOutOfRange(outOfRange, "age", age, MinimumAgeYears, MaximumAgeYears, "years");
        FlagOutOfRange(outOfRange, "nodule size", size, MinimumSizeMm, MaximumSizeMm, "mm");

        string? bts = null;
        if (size >= BtsMinimumSizeMm)
        {
            bts = probability >= BtsWorkUpProbability
                ? "Nodule ≥ 8 mm with Brock ≥ 10 %: further work-up (BTS)."
                : "Nodule ≥ 8 mm with Brock < 10 %: surveillance rather than further work-up (BTS).";
            if (range.Lowest < BtsWorkUpProbability && range.Highest >= BtsWorkUpProbability)
            {
                warnings.Add("The unknown inputs decide the BTS 10 % threshold: the estimate is " +
                    $"{Percent(range.Lowest)}–{Percent(range.Highest)} depending on them.");
            }
        }

        return new BrockResult(probability, logit, range, terms, high, unknown, outOfRange, bts, warnings, nodule, patient,
            exam);
    }

    /// <summary>The logit's terms for fully specified inputs, intercept first.</summary>
    public static IReadOnlyList<BrockTerm> Terms(BrockInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        double sizeValue = Math.Pow(inputs.NoduleSizeMm / 10, -0.5) - SizeCentre;
        return
        [
            Term("intercept", Intercept, 1),
            Term("age − 62", AgePerYear, inputs.AgeYears - AgeCentreYears),
            Term("female", Female, inputs.Sex == PatientSex.Female ? 1 : 0),
            Term("family history of lung cancer", FamilyHistory, inputs.FamilyHistoryOfLungCancer ? 1 : 0),
            Term("emphysema", Emphysema, inputs.Emphysema ? 1 : 0),
            Term("(size / 10)^−0.5 − 1.58113883", SizeTransformed, sizeValue),
            Term("part-solid", PartSolid, inputs.NoduleType == NoduleType.PartSolid ? 1 : 0),
            Term("non-solid", NonSolid, inputs.NoduleType == NoduleType.NonSolid ? 1 : 0),
            Term("upper lobe", UpperLobe, inputs.UpperLobe ? 1 : 0),
            Term("spiculation", Spiculation, inputs.Spiculated ? 1 : 0),
            Term("nodule count − 4", PerNodule, inputs.NoduleCount - NoduleCountCentre),
        ];
    }

    public static double Probability(BrockInputs inputs) => Logistic(Terms(inputs).Sum(term => term.Contribution));

    private static double Logistic(double logit) => 1 / (1 + Math.Exp(-logit));

    // An absent factor contributes +0, not the −0 a negative coefficient gives (which would print as "-0").
    private static BrockTerm Term(string name, double coefficient, double value) =>
        new(name, coefficient, value, value == 0 ? 0 : coefficient * value);

    private static T AssumeUnknown<T>(List<AssumedInput> unknown, string input, T value, string valueText)
    {
        unknown.Add(new(input, valueText,
            $"Unknown {input}: the higher-risk value is assumed so the estimate is not lowered; Range.Lowest assumes the other."));
        return value;
    }

    private static double SphereEquivalentSize(NoduleAssessmentInput nodule, List<AssumedInput> unknown)
    {
        if (nodule.VolumeMm3 is not { } volume)
        {
            throw new ArgumentException("Brock needs the nodule's mean diameter (or both axes) or its volume.", nameof(nodule));
        }

        double diameter = NoduleSizes.SphereEquivalentDiameter(volume);
        unknown.Add(new("nodule size", Text(NoduleSizes.RoundToTenth(diameter)) + " mm",
            $"No diameter measured: the diameter of a sphere of {Text(volume)} mm³ is used."));
        return diameter;
    }

    private static void FlagOutOfRange(List<OutOfRangeInput> flags, string input, double value, double min, double max, string unit)
    {
        if (value < min || value > max)
        {
            flags.Add(new(input, value, min, max,
                $"{char.ToUpperInvariant(input[0])}{input[1..]} {Text(value)} {unit} is outside {Text(min)}–{Text(max)} " +
                $"{unit}, the range the model is used in: the probability is extrapolated."));
        }
    }

    private static string Text(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double probability) => (probability * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
