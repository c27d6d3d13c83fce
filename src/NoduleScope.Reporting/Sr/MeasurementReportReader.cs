using System.Buffers.Binary;
using NoduleScope.Dicom;
using NoduleScope.Reporting.Dicom;

namespace NoduleScope.Reporting.Sr;

/// <summary>
/// Reads a TID 1500 Imaging Measurement Report (as written by <see cref="MeasurementReportWriter"/>) back into numbers:
/// every measurement group with its tracking identifiers, site, centre, measurements and qualitative evaluations.
/// </summary>
public static class MeasurementReportReader
{
    /// <exception cref="InvalidDataException">The dataset is not an Imaging Measurement Report.</exception>
    public static MeasurementReport Read(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!ReportCodes.ImagingMeasurementReport.SameCode(CodedConcept.FromSequence(dataset, DicomTags.ConceptNameCodeSequence)))
        {
            throw new InvalidDataException("not an Imaging Measurement Report (root concept is not (126000, DCM))");
        }

        var root = Children(dataset);
        var nodules = new List<ReportedNodule>();
        foreach (var container in WithConcept(root, ReportCodes.ImagingMeasurements))
        {
            foreach (var group in WithConcept(Children(container), ReportCodes.MeasurementGroup))
            {
                nodules.Add(ReadGroup(group));
            }
        }

        ReportedGuidance? guidance = null;
        foreach (var container in WithConcept(root, ReportCodes.QualitativeEvaluations))
        {
            var items = Children(container);
            guidance = new ReportedGuidance(
                ReportCodes.LungRadsCategoryOf(CodeValue(items, ReportCodes.LungRadsCategory)),
                TextValue(items, ReportCodes.LungRadsManagement),
                TextValue(items, ReportCodes.FleischnerRecommendation));
        }

        var library = new List<string>();
        foreach (var container in WithConcept(root, ReportCodes.ImageLibrary))
        {
            foreach (var group in WithConcept(Children(container), ReportCodes.ImageLibraryGroup))
            {
                foreach (var item in Children(group).Where(i => i.GetString(DicomTags.ValueType) == "IMAGE"))
                {
                    if (item.GetSequence(DicomTags.ReferencedSOPSequence) is { Items.Count: > 0 } refs && refs.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID) is { } uid)
                    {
                        library.Add(uid);
                    }
                }
            }
        }

        return new MeasurementReport
        {
            DeviceObserverName = TextValue(root, ReportCodes.DeviceObserverName),
            ImageLibrary = library,
            Nodules = nodules,
            Guidance = guidance,
        };
    }

    private static ReportedNodule ReadGroup(DicomDataset group)
    {
        var items = Children(group);
        var nums = items.Where(i => i.GetString(DicomTags.ValueType) == "NUM").ToList();
        var point = WithConcept(items, ReportCodes.ImageRegion).FirstOrDefault(i => i.GetString(DicomTags.ValueType) == "SCOORD3D");
        var firstNum = nums.FirstOrDefault();
        return new ReportedNodule
        {
            TrackingIdentifier = TextValue(items, ReportCodes.TrackingIdentifier) ?? throw new InvalidDataException("measurement group without a Tracking Identifier"),
            TrackingUid = UidValue(items, ReportCodes.TrackingUniqueIdentifier) ?? throw new InvalidDataException("measurement group without a Tracking Unique Identifier"),
            Finding = CodeValue(items, ReportCodes.Finding),
            FindingSite = CodeValue(items, ReportCodes.FindingSite),
            Center = point is null ? null : Point(point),
            FrameOfReferenceUid = point?.GetString(DicomTags.ReferencedFrameOfReferenceUID),
            LongAxisMm = Measurement(nums, ReportCodes.LongAxis),
            ShortAxisMm = Measurement(nums, ReportCodes.ShortAxis),
            MeanDiameterMm = Measurement(nums, ReportCodes.Diameter, ReportCodes.Derivation, ReportCodes.Mean),
            VolumeMm3 = Measurement(nums, ReportCodes.Volume),
            MeanHu = Measurement(nums, ReportCodes.AttenuationCoefficient, ReportCodes.Derivation, ReportCodes.Mean),
            MaxHu = Measurement(nums, ReportCodes.AttenuationCoefficient, ReportCodes.Derivation, ReportCodes.Maximum),
            DetectionProbability = Measurement(nums, ReportCodes.CertaintyOfFinding) / 100,
            BrockProbability = Measurement(nums, ReportCodes.ProbabilityOfCancer, ReportCodes.MeasurementMethod, ReportCodes.BrockModel) / 100,
            MalignancyScore = Measurement(nums, ReportCodes.LearnedMalignancyScore),
            Type = ReportCodes.NoduleTypeName(CodeValue(items, ReportCodes.NoduleType)),
            LungRadsCategory = ReportCodes.LungRadsCategoryOf(CodeValue(items, ReportCodes.LungRadsCategory)),
            LungRadsManagement = TextValue(items, ReportCodes.LungRadsManagement),
            FleischnerRecommendation = TextValue(items, ReportCodes.FleischnerRecommendation),
            ChangeSincePrior = ReportCodes.ChangeStatusOf(CodeValue(items, ReportCodes.ChangeSincePrior)),
            IntervalSincePriorDays = Measurement(nums, ReportCodes.IntervalSincePrior),
            PriorMeanDiameterMm = Measurement(nums, ReportCodes.PriorMeanDiameter),
            VolumeChangePercent = Measurement(nums, ReportCodes.VolumeChangeSincePrior),
            VolumeDoublingTimeDays = Measurement(nums, ReportCodes.VolumeDoublingTime),
            AlgorithmName = firstNum is null ? null : TextValue(Children(firstNum), ReportCodes.AlgorithmName),
            AlgorithmVersion = firstNum is null ? null : TextValue(Children(firstNum), ReportCodes.AlgorithmVersion),
        };
    }

    /// <summary>The value of the NUM item named <paramref name="concept"/>, optionally the one whose concept modifier
    /// <paramref name="modifier"/> has the value <paramref name="modifierValue"/>.</summary>
    private static double? Measurement(List<DicomDataset> nums, CodedConcept concept, CodedConcept? modifier = null, CodedConcept? modifierValue = null)
    {
        foreach (var num in WithConcept(nums, concept))
        {
            if (modifier is not null && !modifierValue!.SameCode(CodeValue(Children(num), modifier)))
            {
                continue;
            }

            if (num.GetSequence(DicomTags.MeasuredValueSequence) is { Items.Count: > 0 } measured && measured.Items[0].TryGetDouble(DicomTags.NumericValue, out double value))
            {
                return value;
            }
        }

        return null;
    }

    private static double[] Point(DicomDataset item)
    {
        if (item.GetElement(DicomTags.GraphicData) is not { IsLoaded: true } e || e.Data.Length < 12)
        {
            throw new InvalidDataException("SCOORD3D item without three coordinates");
        }

        var span = e.Data.Span;
        return [BinaryPrimitives.ReadSingleLittleEndian(span), BinaryPrimitives.ReadSingleLittleEndian(span[4..]), BinaryPrimitives.ReadSingleLittleEndian(span[8..])];
    }

    private static List<DicomDataset> Children(DicomDataset item) => item.GetSequence(DicomTags.ContentSequence)?.Items ?? [];

    private static IEnumerable<DicomDataset> WithConcept(IEnumerable<DicomDataset> items, CodedConcept concept) =>
        items.Where(i => concept.SameCode(CodedConcept.FromSequence(i, DicomTags.ConceptNameCodeSequence)));

    private static string? TextValue(IEnumerable<DicomDataset> items, CodedConcept concept) =>
        WithConcept(items, concept).Select(i => i.GetString(DicomTags.TextValue)).FirstOrDefault(v => v is not null);

    private static string? UidValue(IEnumerable<DicomDataset> items, CodedConcept concept) =>
        WithConcept(items, concept).Select(i => i.GetString(DicomTags.UID)).FirstOrDefault(v => v is not null);

    private static CodedConcept? CodeValue(IEnumerable<DicomDataset> items, CodedConcept concept) =>
        WithConcept(items, concept).Select(i => CodedConcept.FromSequence(i, DicomTags.ConceptCodeSequence)).FirstOrDefault(v => v is not null);
}
