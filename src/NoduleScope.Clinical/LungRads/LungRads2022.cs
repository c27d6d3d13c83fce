using NoduleScope.Clinical.Growth;
using static NoduleScope.Clinical.LungRads.LungRadsCategory;

namespace NoduleScope.Clinical.LungRads;

/// <summary>
/// Lung-RADS v2022 for screening low-dose CT: a category per nodule from the size tables in
/// <see cref="LungRadsRuleTables"/>, benign features, the juxtapleural rule and 4X; the exam category is the highest.
/// Sizes are compared as mean diameters to 0.1 mm, or as volumes to 1 mm³ when only a volume was measured (or volume
/// is preferred).
/// </summary>
public static class LungRads2022
{
    private const string AnnualLdct = "Annual LDCT";
    private const string DiagnosticWorkUp = "Diagnostic chest CT, PET/CT and/or tissue sampling";

    // Management and malignancy probability per category, as given in clinical-rules.md (Lung-RADS v2022).
    private static readonly Dictionary<LungRadsCategory, LungRadsCategoryGuidance> GuidanceTable = new()
    {
        [Category1] = new(Category1, "1", AnnualLdct, "< 1 %"),
        [Category2] = new(Category2, "2", AnnualLdct, "< 1 %"),
        [Category3] = new(Category3, "3", "LDCT in 6 months", "1–2 %"),
        [Category4A] = new(Category4A, "4A", "LDCT in 3 months (PET/CT may be used if the solid part is ≥ 8 mm)", "5–15 %"),
        [Category4B] = new(Category4B, "4B", DiagnosticWorkUp, "> 15 %"),
        [Category4X] = new(Category4X, "4X", DiagnosticWorkUp, "> 15 %"),
    };

    public static LungRadsCategoryGuidance GuidanceFor(LungRadsCategory category) =>
        GuidanceTable.TryGetValue(category, out var guidance)
            ? guidance
            : throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown Lung-RADS category.");

    /// <summary>Categorises every nodule; the exam category is the highest (1 when there are none).</summary>
    public static LungRadsExamResult CategorizeExam(
        IReadOnlyList<NoduleAssessmentInput> nodules,
        ExamContext exam,
        SizeMeasure preferredMeasure = SizeMeasure.MeanDiameter)
    {
        ArgumentNullException.ThrowIfNull(nodules);
        NoduleInputValidation.Validate(exam);
        var results = nodules.Select(nodule => CategorizeNodule(nodule, exam, preferredMeasure)).ToList();
        var warnings = new List<string>();
        if (exam.NoduleCount != nodules.Count)
        {
            warnings.Add($"The exam reports {exam.NoduleCount} nodules but {nodules.Count} were categorised.");
        }

        if (results.Count == 0)
        {
            var none = GuidanceFor(Category1);
            return new LungRadsExamResult(Category1, none.Label, "No nodules: category 1.", null, none.Management,
                none.MalignancyProbability, results, warnings, exam);
        }

        int deciding = 0;
        for (int i = 1; i < results.Count; i++)
        {
            if (results[i].Category > results[deciding].Category)
            {
                deciding = i;
            }
        }

        var guidance = GuidanceFor(results[deciding].Category);
        string reason = $"Highest nodule category: {guidance.Label} (nodule {deciding + 1} of {results.Count}: " +
            $"{results[deciding].Reason})";
        return new LungRadsExamResult(guidance.Category, guidance.Label, reason, deciding, guidance.Management,
            guidance.MalignancyProbability, results, warnings, exam);
    }

    public static LungRadsNoduleResult CategorizeNodule(
        NoduleAssessmentInput nodule,
        ExamContext exam,
        SizeMeasure preferredMeasure = SizeMeasure.MeanDiameter)
    {
        var warnings = NoduleInputValidation.Validate(nodule);
        NoduleInputValidation.Validate(exam);
        if (exam.Purpose == ExamPurpose.Diagnostic)
        {
            warnings.Add("Lung-RADS is defined for lung cancer screening LDCT; for an incidental nodule see Fleischner 2017.");
        }

        double? meanDiameter = NoduleSizes.MeanDiameter(nodule);
        var size = NoduleSizes.Choose(meanDiameter, nodule.VolumeMm3, preferredMeasure);
        var solid = nodule.Type == NoduleType.PartSolid
            ? NoduleSizes.Choose(nodule.SolidComponentMeanDiameterMm, nodule.SolidComponentVolumeMm3, preferredMeasure)
            : null;
        var course = DetermineCourse(nodule, exam, warnings);

        LungRadsNoduleResult Result(LungRadsCategory category, string reason, LungRadsCategory? before = null,
            IReadOnlyList<string>? suspicious = null)
        {
            var guidance = GuidanceFor(category);
            return new LungRadsNoduleResult(category, guidance.Label, reason, before, suspicious ?? [], course.Trajectory,
                size, solid, course.Growth, course.SolidComponentGrowth, guidance.Management, guidance.MalignancyProbability,
                warnings, nodule, exam);
        }

        if (nodule.Calcification == CalcificationPattern.Benign)
        {
            return Result(Category1,
                "Benign calcification pattern (complete, central, popcorn or concentric): benign feature → category 1.");
        }

        if (nodule.FatContaining)
        {
            return Result(Category1, "Fat-containing nodule: benign feature → category 1.");
        }

        if (size is null)
        {
            throw new ArgumentException("Lung-RADS needs the nodule's mean diameter (or both axes) or its volume.",
                nameof(nodule));
        }

        if (IsBenignAppearingJuxtapleural(nodule, size, course))
        {
            return Result(Category2,
                $"Juxtapleural solid nodule {size.Describe()} " +
                $"({LungRadsRuleTables.JuxtapleuralBelow.Describe(size.Measure)}), smooth, " +
                $"{nodule.Shape.ToString().ToLowerInvariant()}, {course.Description} → category 2.");
        }

        var table = LungRadsRuleTables.For(nodule.Type);
        var rule = Match(table, course.TableTrajectory, size, solid) ?? throw new ArgumentException(
            nodule.Type == NoduleType.PartSolid && solid is null
                ? "A part-solid nodule of 6 mm or more (or a growing one) needs its solid component's mean diameter or volume."
                : $"No Lung-RADS row matches a {nodule.Type} nodule of {size.Describe()} ({course.Description}).",
            nameof(nodule));

        CrossCheckOtherMeasure(nodule, meanDiameter, size, solid, course, rule, table, warnings);
        string reason = $"{TypeName(nodule.Type)} nodule, {course.Description}: " +
            $"{DescribeSizes(rule, size, solid)} → category {GuidanceFor(rule.Category).Label}.";
        if (rule.Category is not (Category3 or Category4A or Category4B))
        {
            return Result(rule.Category, reason);
        }

        var suspicious = new List<string>();
        if (nodule.Spiculated)
        {
            suspicious.Add("spiculation");
        }

        if (course.Grew && !rule.DecidedByGrowth)
        {
            var growth = course.SolidComponentGrowth?.Call == GrowthCall.Growing ? course.SolidComponentGrowth : course.Growth;
            suspicious.Add($"growth on follow-up ({growth!.Reason.TrimEnd('.')})");
        }

        return suspicious.Count == 0
            ? Result(rule.Category, reason)
            : Result(Category4X,
                $"{reason[..^1]}, with additional suspicious features ({string.Join("; ", suspicious)}) → category 4X.",
                rule.Category, suspicious);
    }

    private static LungRadsCourse DetermineCourse(NoduleAssessmentInput nodule, ExamContext exam, List<string> warnings)
    {
        if (exam.Round == ExamRound.Baseline)
        {
            if (nodule.NewSincePrior || nodule.Prior is not null)
            {
                warnings.Add("Baseline exam: the nodule's prior information is ignored.");
            }

            return new(NoduleTrajectory.Baseline, "baseline", null, null);
        }

        if (nodule.NewSincePrior)
        {
            if (nodule.Prior is not null)
            {
                warnings.Add("The nodule is marked new but also has a prior measurement; it is treated as new.");
            }

            return new(NoduleTrajectory.New, "new since the prior exam", null, null);
        }

        if (nodule.Prior is not { } prior)
        {
            warnings.Add("Follow-up exam, but the nodule has no matched prior and is not marked new: baseline rules are " +
                "used and growth is not assessed.");
            return new(NoduleTrajectory.PriorUnknown, "follow-up without a matched prior (baseline rules)", null, null);
        }

        var growth = NoduleGrowth.AssessWholeNodule(nodule, prior);
        if (nodule.Type != NoduleType.PartSolid)
        {
            return growth.Call switch
            {
                GrowthCall.Growing => new(NoduleTrajectory.Growing, "growing", growth, null),
                GrowthCall.SlowGrowth => new(NoduleTrajectory.Stable, "slow-growing (stable rows)", growth, null),
                GrowthCall.NotGrowing => new(NoduleTrajectory.Stable, "stable", growth, null),
                _ => NotAssessed(growth, null),
            };
        }

        if (prior.Type == NoduleType.NonSolid)
        {
            return new(NoduleTrajectory.New, "new solid component (non-solid on the prior exam)", growth, null);
        }

        var solidGrowth = NoduleGrowth.AssessSolidComponent(nodule, prior);
        return solidGrowth.Call switch
        {
            GrowthCall.Growing => new(NoduleTrajectory.Growing, "growing solid component", growth, solidGrowth),
            GrowthCall.SlowGrowth => new(NoduleTrajectory.Stable, "slow-growing solid component (stable rows)", growth, solidGrowth),
            GrowthCall.NotGrowing => new(NoduleTrajectory.Stable, "stable solid component", growth, solidGrowth),
            _ => NotAssessed(growth, solidGrowth),
        };

        LungRadsCourse NotAssessed(GrowthAssessment wholeGrowth, GrowthAssessment? solidComponentGrowth)
        {
            warnings.Add("Follow-up exam, but the prior lacks the size needed for the growth call: baseline rules are used.");
            return new(NoduleTrajectory.PriorUnknown, "follow-up, growth not assessable (baseline rules)", wholeGrowth,
                solidComponentGrowth);
        }
    }

    // Lung-RADS v2022: benign-appearing juxtapleural nodules at baseline or new → 2. A nodule already seen and not
    // growing keeps that reading; a growing one is categorised by the table.
    private static bool IsBenignAppearingJuxtapleural(NoduleAssessmentInput nodule, MeasuredSize size, LungRadsCourse course) =>
        nodule.Type == NoduleType.Solid
        && nodule.Juxtapleural
        && nodule.SmoothMargins
        && LungRadsRuleTables.JuxtapleuralShapes.Contains(nodule.Shape)
        && LungRadsRuleTables.JuxtapleuralBelow.Contains(size)
        && course.Trajectory != NoduleTrajectory.Growing;

    private static LungRadsRule? Match(
        IReadOnlyList<LungRadsRule> table,
        NoduleTrajectory trajectory,
        MeasuredSize size,
        MeasuredSize? solid)
    {
        LungRadsRule? best = null;
        foreach (var rule in table)
        {
            bool matches = rule.AppliesTo.Contains(trajectory)
                && rule.Nodule.Contains(size)
                && (!rule.NeedsSolidComponent || (solid is not null && rule.SolidComponent.Contains(solid)));
            if (matches && (best is null || rule.Category > best.Category))
            {
                best = rule;
            }
        }

        return best;
    }

    private static void CrossCheckOtherMeasure(
        NoduleAssessmentInput nodule,
        double? meanDiameter,
        MeasuredSize size,
        MeasuredSize? solid,
        LungRadsCourse course,
        LungRadsRule rule,
        IReadOnlyList<LungRadsRule> table,
        List<string> warnings)
    {
        var otherSize = NoduleSizes.Alternative(meanDiameter, nodule.VolumeMm3, size);
        if (otherSize is null)
        {
            return;
        }

        var otherSolid = solid is null
            ? null
            : NoduleSizes.Alternative(nodule.SolidComponentMeanDiameterMm, nodule.SolidComponentVolumeMm3, solid) ?? solid;
        var otherRule = Match(table, course.TableTrajectory, otherSize, otherSolid);
        if (otherRule is not null && otherRule.Category != rule.Category)
        {
            warnings.Add($"By {(otherSize.Measure == SizeMeasure.Volume ? "volume" : "mean diameter")} " +
                $"({otherSize.Describe()}) the category would be {GuidanceFor(otherRule.Category).Label}, not " +
                $"{GuidanceFor(rule.Category).Label}: the diameter and the volume disagree; review the measurement.");
        }
    }

    private static string DescribeSizes(LungRadsRule rule, MeasuredSize size, MeasuredSize? solid)
    {
        var clauses = new List<string>();
        string sizeName = size.Measure == SizeMeasure.MeanDiameter ? "mean diameter" : "volume";
        if (!rule.Nodule.IsAny)
        {
            string prefix = rule.NeedsSolidComponent || solid is not null ? "total " : string.Empty;
            clauses.Add($"{prefix}{sizeName} {size.Describe()} is {rule.Nodule.Describe(size.Measure)}");
        }

        if (rule.NeedsSolidComponent && solid is not null)
        {
            string solidName = solid.Measure == SizeMeasure.MeanDiameter ? "mean diameter" : "volume";
            clauses.Add($"solid component {solidName} {solid.Describe()} is {rule.SolidComponent.Describe(solid.Measure)}");
        }

        return string.Join(" and ", clauses);
    }

    private static string TypeName(NoduleType type) => type switch
    {
        NoduleType.Solid => "Solid",
        NoduleType.PartSolid => "Part-solid",
        _ => "Non-solid",
    };
}
