using NoduleScope.Clinical;
using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Processing;

/// <summary>
/// Segments and characterises the nodule at a world point (LPS mm) without detection, as one findings.json block:
/// what <c>characterize --at</c> prints and what the review page adds when a reviewer clicks a missed nodule.
/// </summary>
public static class NoduleAtPoint
{
    /// <summary>The finding with <paramref name="id"/> at <paramref name="point"/>, or null when nothing denser than
    /// lung is there (<paramref name="lungs"/> is only asked for then). The volume must be clamped below air, as
    /// detection sees it.</summary>
    public static FindingsNodule? Characterize(CtVolume volume, Func<LungSegmentation> lungs, Vector3D point, int id, PatientContext callerPatient, ExamPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(lungs);
        var segmentation = new NoduleSegmenter().SegmentAt(volume, point);
        if (segmentation is null)
        {
            return null;
        }

        var lungMask = lungs();
        var characterization = new NoduleCharacterizer().Characterize(volume, segmentation, new LobeLocator(lungMask));
        var patient = ExamCharacterizer.PatientFrom(volume.Source, callerPatient);
        var exam = ClinicalAssessor.Assess([(segmentation.Measurement, characterization)], patient, purpose);
        // Probability 1: a person, not the detector, says it is a nodule.
        return FindingsDocumentBuilder.Nodule(volume, id, 1, lungMask.LungAt(segmentation.Measurement.Centroid), segmentation.Measurement, exam.Nodules[0]);
    }
}
