using System.Globalization;
using NoduleScope.Clinical;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Clinical.Fleischner;
using NoduleScope.Detection;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Reporting.Findings;

/// <summary>Turns a detection result into the findings.json document, rounding to the precision clinicians use
/// (0.1 mm, whole mm³, whole HU).</summary>
public static class FindingsDocumentBuilder
{
    /// <param name="assessment">Characterisation and guidance of <paramref name="result"/>'s findings, in the same
    /// order; null leaves them out.</param>
    public static FindingsDocument Build(CtVolume volume, DetectionResult result, double threshold, string inputPath, string version, ExamAssessment? assessment = null)
    {
        var findings = new List<FindingsNodule>(result.Findings.Count);
        foreach (var f in result.Findings)
        {
            findings.Add(Nodule(volume, f.Id, f.Probability, f.Lung, f.Measurement, assessment?.Nodules[findings.Count]));
        }

        var stages = new List<FindingsStage>();
        foreach (var t in result.Timings)
        {
            stages.Add(new FindingsStage(t.Stage, Math.Round(t.Seconds, 3)));
        }

        return new FindingsDocument
        {
            Software = new FindingsSoftware("NoduleScope", version, result.ScorerName, result.ScorerHash, result.Ranker),
            Input = new FindingsInput
            {
                Path = inputPath,
                StudyInstanceUid = volume.Source.StudyInstanceUid,
                SeriesInstanceUid = volume.Source.SeriesInstanceUid,
                FrameOfReferenceUid = volume.Source.FrameOfReferenceUid,
                Size = [volume.SizeX, volume.SizeY, volume.SizeZ],
                Spacing = Round(volume.Spacing, 4),
                Origin = Round(volume.Origin, 4),
                Direction = [.. Round(volume.DirectionX, 6), .. Round(volume.DirectionY, 6), .. Round(volume.DirectionZ, 6)],
            },
            Stages = stages,
            Warnings = result.Warnings,
            Threshold = threshold,
            Lungs = new FindingsLungs(Math.Round(result.Lungs.RightVolumeMl), Math.Round(result.Lungs.LeftVolumeMl), result.Lungs.AirwayRemoved),
            CandidateCount = result.Candidates.Count,
            Findings = findings,
            Guidance = assessment is null ? null : Guidance(assessment),
        };
    }

    /// <summary>One finding's block of findings.json (also printed by <c>characterize</c>).</summary>
    public static FindingsNodule Nodule(CtVolume volume, int id, double probability, byte lung, NoduleMeasurement m, NoduleAssessment? assessment) => new()
    {
        Id = id,
        Probability = Math.Round(probability, 4),
        CenterWorld = Round(m.Centroid, 2),
        CenterVoxel = Round(volume.WorldToVoxel(m.Centroid), 2),
        Lung = lung switch { LungSegmentation.RightLung => "right", LungSegmentation.LeftLung => "left", _ => "unknown" },
        BoundsMinWorld = Round(m.BoundsMin, 2),
        BoundsMaxWorld = Round(m.BoundsMax, 2),
        LongAxisMm = Math.Round(m.LongAxisMm, 1),
        ShortAxisMm = Math.Round(m.ShortAxisMm, 1),
        MeanDiameterMm = Math.Round(m.MeanDiameterMm, 1),
        VolumeMm3 = Math.Round(m.VolumeMm3),
        MeanHu = Math.Round(m.MeanHu),
        MaxHu = Math.Round(m.MaxHu),
        SolidVolumeMm3 = Math.Round(m.SolidVolumeMm3),
        SolidMeanDiameterMm = Math.Round(m.SolidMeanDiameterMm, 1),
        Characterization = assessment is null ? null : Characterization(assessment),
    };

    private static FindingsCharacterization Characterization(NoduleAssessment a)
    {
        var c = a.Characterization;
        var inputs = new Dictionary<string, string>
        {
            ["type"] = Invariant($"solid {c.SolidProbability:0.00}, part-solid {c.PartSolidProbability:0.00}, non-solid {c.NonSolidProbability:0.00} (one-vs-rest model probabilities)"),
            ["calcification_probability"] = Invariant($"{c.CalcificationProbability:0.00}"),
            ["spiculation_probability"] = Invariant($"{c.SpiculationProbability:0.00}"),
            ["ill_defined_margin_probability"] = Invariant($"{c.IllDefinedMarginProbability:0.00}"),
            ["edge_width"] = Invariant($"{c.Margin.MeasuredRays} of {NoduleMarginAnalyzer.Rays} rays into aerated lung measured"),
            ["size"] = Invariant($"long {a.Input.LongAxisMm:0.0} mm, short {a.Input.ShortAxisMm:0.0} mm, volume {a.Input.VolumeMm3:0} mm³") +
                (a.Input.SolidComponentMeanDiameterMm is { } solid ? Invariant($", solid component {solid:0.0} mm") : string.Empty),
            ["lung_rads_reason"] = a.LungRads.Reason,
            ["fleischner_reason"] = a.Fleischner.Reason,
            ["brock_inputs"] = Invariant($"age {a.Brock.InputsUsed.AgeYears:0}, sex {a.Brock.InputsUsed.Sex}, family history {a.Brock.InputsUsed.FamilyHistoryOfLungCancer}, emphysema {a.Brock.InputsUsed.Emphysema}, size {a.Brock.InputsUsed.NoduleSizeMm:0.0} mm, type {a.Brock.InputsUsed.NoduleType}, upper lobe {a.Brock.InputsUsed.UpperLobe}, spiculation {a.Brock.InputsUsed.Spiculated}, nodules {a.Brock.InputsUsed.NoduleCount}"),
        };
        foreach (var unknown in a.Brock.UnknownInputs)
        {
            inputs["unknown: " + unknown.Input] = $"{unknown.AssumedValue} assumed ({unknown.Reason})";
        }

        foreach (var flagged in a.Brock.OutOfRange)
        {
            inputs["out of range: " + flagged.Input] = flagged.Message;
        }

        if (c.Location?.Lobe is not null)
        {
            inputs["lobe"] = "estimated from lung geometry (fissures are not segmented)";
        }

        return new FindingsCharacterization
        {
            Type = TypeName(c.Type),
            Calcified = c.Calcified,
            BenignCalcification = c.Calcified ? c.Calcification == CalcificationPattern.Benign : null,
            Spiculated = c.Spiculated,
            IllDefinedMargin = c.IllDefinedMargin,
            EdgeWidthMm = c.Margin.EdgeWidthMm is { } edge ? Math.Round(edge, 1) : null,
            Lobe = c.Location?.Lobe,
            UpperLobe = c.Location?.UpperLobe,
            Juxtapleural = c.Location?.Juxtapleural,
            Juxtavascular = c.Location?.Juxtavascular,
            DistanceToPleuraMm = c.Location?.DistanceToPleuraMm is { } d ? Math.Round(d, 1) : null,
            BrockProbability = Math.Round(a.Brock.Probability, 4),
            MalignancyScore = Math.Round(c.MalignancyScore, 3),
            LungRadsCategory = a.LungRads.CategoryLabel,
            LungRadsManagement = a.LungRads.Management,
            FleischnerRecommendation = Fleischner(a.Fleischner),
            Inputs = inputs,
        };
    }

    private static FindingsGuidance Guidance(ExamAssessment exam)
    {
        var p = exam.Patient;
        var inputs = new Dictionary<string, string>
        {
            ["age"] = p.AgeYears is { } age ? Invariant($"{age:0}") : "unknown",
            ["sex"] = p.Sex?.ToString() ?? "unknown",
            ["family_history"] = p.FamilyHistoryOfLungCancer?.ToString() ?? "unknown",
            ["emphysema"] = p.Emphysema?.ToString() ?? "unknown",
            ["risk"] = p.LungCancerRisk?.ToString() ?? "unknown",
            ["exam_purpose"] = exam.Exam.Purpose.ToString(),
            ["nodule_count"] = exam.Exam.NoduleCount.ToString(CultureInfo.InvariantCulture),
            ["lung_rads_reason"] = exam.LungRads.Reason,
        };
        if (exam.FleischnerNoduleIndex is { } index)
        {
            inputs["fleischner_nodule"] = (index + 1).ToString(CultureInfo.InvariantCulture);
        }

        return new FindingsGuidance
        {
            LungRadsCategory = exam.LungRads.CategoryLabel,
            LungRadsManagement = exam.LungRads.Management,
            FleischnerRecommendation = exam.Fleischner is null ? "No non-calcified nodule: Fleischner follow-up not needed." : Fleischner(exam.Fleischner),
            Inputs = inputs,
        };
    }

    private static string Fleischner(FleischnerResult f) => !f.Applicable
        ? "Fleischner 2017 does not apply: " + string.Join("; ", f.NotApplicableReasons)
        : string.Join(" | ", f.Recommendations.Select(r => r.Risk is null ? r.Text : $"{r.Risk} risk: {r.Text}"));

    private static string TypeName(NoduleType type) => type switch
    {
        NoduleType.Solid => "solid",
        NoduleType.PartSolid => "part-solid",
        _ => "non-solid",
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static double[] Round(Vector3D v, int digits) => [Math.Round(v.X, digits), Math.Round(v.Y, digits), Math.Round(v.Z, digits)];
}
