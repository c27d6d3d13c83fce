using NoduleScope.Detection;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Characterization;

/// <summary>Characterises every finding of a detection result (type, calcification, margin, location) and runs the
/// guidelines on them for one patient.</summary>
public sealed class ExamCharacterizer
{
    private readonly NoduleCharacterizer characterizer;

    public ExamCharacterizer(NoduleCharacterizer? characterizer = null)
    {
        this.characterizer = characterizer ?? new NoduleCharacterizer();
    }

    public ExamAssessment Assess(CtVolume volume, DetectionResult result, PatientContext patient, ExamPurpose purpose)
    {
        var locator = new LobeLocator(result.Lungs);
        var nodules = new (Detection.Segmentation.NoduleMeasurement, NoduleCharacterization)[result.Findings.Count];
        Parallel.For(0, nodules.Length, i =>
        {
            var f = result.Findings[i];
            double vessel = 0;
            foreach (var c in result.Candidates)
            {
                if (ReferenceEquals(c.Segmentation, f.Segmentation))
                {
                    // A vessel passing the nodule is dense at two opposite points of the 2R shell: one such pair of 32 gives 0.5.
                    vessel = Math.Min(1, c.Features.Shells.AntipodalDense20 * 16);
                    break;
                }
            }

            nodules[i] = (f.Measurement, characterizer.Characterize(volume, f.Segmentation, locator, vessel));
        });

        return ClinicalAssessor.Assess(nodules, patient, purpose);
    }

    /// <summary>The patient as DICOM describes them, with the caller's answers taking precedence.</summary>
    public static PatientContext PatientFrom(VolumeSource source, PatientContext caller) => caller with
    {
        AgeYears = caller.AgeYears ?? DicomPatientAttributes.ParseAge(source.PatientAge),
        Sex = caller.Sex ?? DicomPatientAttributes.ParseSex(source.PatientSex),
    };
}
