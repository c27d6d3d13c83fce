using NoduleScope.Clinical.Brock;
using NoduleScope.Clinical.Fleischner;
using NoduleScope.Clinical.LungRads;
using NoduleScope.Detection.Segmentation;

namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// Turns measured and characterised nodules into guideline inputs and runs Brock, Lung-RADS v2022 and Fleischner 2017
/// on them. Sizes go in at the 0.1 mm the guidelines use; the solid component only for part-solid nodules.
/// </summary>
public static class ClinicalAssessor
{
    public static NoduleAssessmentInput Input(NoduleMeasurement m, NoduleCharacterization c) => new()
    {
        Type = c.Type,
        LongAxisMm = Math.Round(m.LongAxisMm, 1),
        ShortAxisMm = Math.Round(Math.Min(m.ShortAxisMm, m.LongAxisMm), 1),
        // The mean of the unrounded axes, rounded once, as the findings show it.
        MeanDiameterMm = Math.Round(m.MeanDiameterMm, 1),
        VolumeMm3 = Math.Round(m.VolumeMm3),
        SolidComponentMeanDiameterMm = c.Type == NoduleType.PartSolid ? Math.Round(Math.Min(m.SolidMeanDiameterMm, m.MeanDiameterMm), 1) : null,
        SolidComponentVolumeMm3 = c.Type == NoduleType.PartSolid ? Math.Round(Math.Min(m.SolidVolumeMm3, m.VolumeMm3)) : null,
        Calcification = c.Calcification,
        Juxtapleural = c.Location?.Juxtapleural ?? false,
        Spiculated = c.Spiculated,
        UpperLobe = c.Location?.UpperLobe,
    };

    public static ExamAssessment Assess(IReadOnlyList<(NoduleMeasurement Measurement, NoduleCharacterization Characterization)> nodules, PatientContext patient, ExamPurpose purpose)
    {
        var inputs = new List<(NoduleCharacterization, NoduleAssessmentInput)>(nodules.Count);
        foreach (var (m, c) in nodules)
        {
            inputs.Add((c, Input(m, c)));
        }

        return AssessInputs(inputs, patient, new ExamContext { NoduleCount = nodules.Count, Purpose = purpose });
    }

    /// <summary>The same for guideline inputs the caller prepared, e.g. with each nodule's prior measurement on a
    /// follow-up exam (<see cref="ExamContext.Round"/>).</summary>
    public static ExamAssessment AssessInputs(IReadOnlyList<(NoduleCharacterization Characterization, NoduleAssessmentInput Input)> nodules, PatientContext patient, ExamContext exam)
    {
        var assessments = new List<NoduleAssessment>(nodules.Count);
        foreach (var (c, input) in nodules)
        {
            assessments.Add(new NoduleAssessment(c, input,
                BrockModel.Estimate(input, patient, exam),
                LungRads2022.CategorizeNodule(input, exam),
                Fleischner2017.Recommend(input, patient, exam)));
        }

        var lungRads = LungRads2022.CategorizeExam(assessments.Select(a => a.Input).ToList(), exam);
        int? worst = null;
        for (int i = 0; i < assessments.Count; i++)
        {
            if (assessments[i].Characterization.Calcification == CalcificationPattern.Benign)
            {
                continue;
            }

            if (worst is null || Severity(assessments[i]) > Severity(assessments[worst.Value]))
            {
                worst = i;
            }
        }

        return new ExamAssessment(assessments, lungRads, worst is null ? null : assessments[worst.Value].Fleischner, worst, patient, exam);
    }

    /// <summary>The most suspicious nodule guides Fleischner for multiple nodules: highest Lung-RADS, then largest.</summary>
    private static double Severity(NoduleAssessment a) => ((int)a.LungRads.Category * 1000) + (a.Input.LongAxisMm ?? 0) + (a.Input.ShortAxisMm ?? 0);
}
