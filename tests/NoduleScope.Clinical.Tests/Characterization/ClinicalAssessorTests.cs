using NoduleScope.Clinical.Characterization;
using NoduleScope.Clinical.LungRads;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Tests.Characterization;

public sealed class ClinicalAssessorTests
{
    [Fact]
    public void ASevenMillimetreSolidNoduleIsLungRads3AndTheExamTakesItsCategory()
    {
        var exam = ClinicalAssessor.Assess([(Measurement(7.4, 6.6), Characterization(NoduleType.Solid))], new PatientContext { AgeYears = 65, Sex = PatientSex.Male }, ExamPurpose.LungCancerScreening);
        Assert.Equal(LungRadsCategory.Category3, exam.Nodules[0].LungRads.Category);
        Assert.Equal(LungRadsCategory.Category3, exam.LungRads.Category);
        Assert.Equal(7.0, exam.Nodules[0].Brock.InputsUsed.NoduleSizeMm, 1);
        Assert.DoesNotContain(exam.Nodules[0].Brock.UnknownInputs, u => u.Input is "age" or "sex");
    }

    [Fact]
    public void ABenignlyCalcifiedNoduleIsCategory1AndDoesNotDriveFleischner()
    {
        var calcified = Characterization(NoduleType.Solid) with { Calcified = true, Calcification = CalcificationPattern.Benign };
        var exam = ClinicalAssessor.Assess([(Measurement(9, 8), calcified), (Measurement(5, 4.6), Characterization(NoduleType.Solid))], PatientContext.Unknown, ExamPurpose.Diagnostic);
        // Lung-RADS v2022: benign calcification patterns are category 1.
        Assert.Equal(LungRadsCategory.Category1, exam.Nodules[0].LungRads.Category);
        Assert.Equal(1, exam.FleischnerNoduleIndex);
        Assert.Equal(2, exam.Exam.NoduleCount);
    }

    [Fact]
    public void UnknownPatientInputsAreNamed()
    {
        var exam = ClinicalAssessor.Assess([(Measurement(10, 9), Characterization(NoduleType.Solid) with { Location = null })], PatientContext.Unknown, ExamPurpose.Unknown);
        var unknown = exam.Nodules[0].Brock.UnknownInputs.Select(u => u.Input).ToList();
        Assert.Contains("age", unknown);
        Assert.Contains("sex", unknown);
        Assert.Contains("upper lobe", unknown);
    }

    [Fact]
    public void ThePatientFromDicomFillsOnlyWhatTheCallerLeftOut()
    {
        var source = new VolumeSource { PatientAge = "071Y", PatientSex = "F" };
        var patient = ExamCharacterizer.PatientFrom(source, new PatientContext { Sex = PatientSex.Male });
        Assert.Equal(71, patient.AgeYears);
        Assert.Equal(PatientSex.Male, patient.Sex);
    }

    private static NoduleMeasurement Measurement(double longAxis, double shortAxis) => new()
    {
        Centroid = Vector3D.Zero,
        VolumeMm3 = Math.PI / 6 * longAxis * shortAxis * shortAxis,
        LongAxisMm = longAxis,
        ShortAxisMm = shortAxis,
        MaskLongAxisMm = longAxis,
        MaskShortAxisMm = shortAxis,
        CraniocaudalExtentMm = shortAxis,
        MeanHu = 20,
        MaxHu = 80,
        SolidVolumeMm3 = Math.PI / 6 * longAxis * shortAxis * shortAxis,
        SolidMeanDiameterMm = (longAxis + shortAxis) / 2,
        AxialSliceZ = 0,
        BoundsMin = Vector3D.Zero,
        BoundsMax = Vector3D.Zero,
        VoxelCount = 100,
    };

    private static NoduleCharacterization Characterization(NoduleType type) => new(
        type, type == NoduleType.Solid ? 0.9 : 0.05, type == NoduleType.PartSolid ? 0.9 : 0.05, type == NoduleType.NonSolid ? 0.9 : 0.05,
        false, 0.01, CalcificationPattern.None, false, 0.1, false, 0.1, new NoduleMargin(null, 0), 0.2,
        new NoduleLocation("right", "right lower", false, 12, false, false), null!);
}
