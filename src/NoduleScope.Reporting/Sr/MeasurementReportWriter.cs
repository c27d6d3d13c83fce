using System.Globalization;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Reporting.Sr;

/// <summary>
/// Writes the findings as a Comprehensive 3D SR document following TID 1500 "Imaging Measurement Report": the device
/// observer (NoduleScope), the image library of the analysed series, and one TID 1410 measurement group per nodule
/// (tracking identifier and UID, finding, finding site, centre as a SCOORD3D point in the source frame of reference,
/// axes, mean diameter, volume, mean and maximum HU, detection certainty, and, once characterised, type, Lung-RADS
/// category and Brock probability). Exam-level Lung-RADS and Fleischner guidance go into a Qualitative Evaluations
/// container.
/// </summary>
public static class MeasurementReportWriter
{
    public const string Comprehensive3DSrStorage = "1.2.840.10008.5.1.4.1.1.88.34";

    /// <summary>Identifies NoduleScope as the device observer, the same in every report.</summary>
    public static readonly string DeviceObserverUid = DicomUid.FromSeed("NoduleScope device observer");

    public static DicomDataset Build(FindingsDocument document, SourceStudy source, DerivedSeries series, NoduleTracking tracking, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(source);
        string sopInstanceUid = DicomUid.Generate();
        var ds = DerivedDataset.NewInstance(source, series, Comprehensive3DSrStorage, sopInstanceUid, 1, document.Software.Version, created);
        DerivedDataset.DeclarePrivateCodingScheme(ds);
        ds.AddSequence(DicomTags.ReferencedPerformedProcedureStepSequence);
        ds.AddSequence(DicomTags.PerformedProcedureCodeSequence);
        ds.AddString(DicomTags.CompletionFlag, DicomVR.CS, "COMPLETE");
        ds.AddString(DicomTags.VerificationFlag, DicomVR.CS, "UNVERIFIED");

        var evidence = DerivedDataset.NewItem();
        evidence.AddSequence(DicomTags.ReferencedSeriesSequence, DerivedDataset.SourceSeriesReference(source, DicomTags.ReferencedSOPSequence));
        evidence.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, source.StudyInstanceUid);
        ds.AddSequence(DicomTags.CurrentRequestedProcedureEvidenceSequence, evidence);

        ds.AddString(DicomTags.ValueType, DicomVR.CS, "CONTAINER");
        ds.AddSequence(DicomTags.ConceptNameCodeSequence, ReportCodes.ImagingMeasurementReport.ToItem());
        ds.AddString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE");
        var template = DerivedDataset.NewItem();
        template.AddString(DicomTags.MappingResource, DicomVR.CS, "DCMR");
        template.AddString(DicomTags.TemplateIdentifier, DicomVR.CS, "1500");
        ds.AddSequence(DicomTags.ContentTemplateSequence, template);
        ds.AddSequence(DicomTags.ContentSequence, [.. RootContent(document, source, tracking)]);
        return ds;
    }

    private static IEnumerable<DicomDataset> RootContent(FindingsDocument document, SourceStudy source, NoduleTracking tracking)
    {
        yield return SrContentItem.Code(SrRelationship.HasConceptModifier, ReportCodes.LanguageOfContent, ReportCodes.EnglishUnitedStates);
        yield return SrContentItem.Code(SrRelationship.HasObservationContext, ReportCodes.ObserverType, ReportCodes.Device);
        yield return SrContentItem.UidRef(SrRelationship.HasObservationContext, ReportCodes.DeviceObserverUid, DeviceObserverUid);
        yield return SrContentItem.Text(SrRelationship.HasObservationContext, ReportCodes.DeviceObserverName, document.Software.Name);
        yield return SrContentItem.Text(SrRelationship.HasObservationContext, ReportCodes.DeviceObserverManufacturer, DerivedDataset.Manufacturer);
        yield return SrContentItem.Text(SrRelationship.HasObservationContext, ReportCodes.DeviceObserverModelName, $"{document.Software.Name} {document.Software.Version}");
        yield return SrContentItem.Code(SrRelationship.HasConceptModifier, ReportCodes.ProcedureReported, ReportCodes.CtUnspecifiedBodyRegion);
        yield return ImageLibrary(source);
        if (document.Findings.Count > 0)
        {
            var groups = document.Findings.Select(f => MeasurementGroup(f, document, source, tracking));
            yield return SrContentItem.Container(SrRelationship.Contains, ReportCodes.ImagingMeasurements, groups);
        }

        if (document.Guidance is { } guidance && ExamEvaluations(guidance) is { Count: > 0 } evaluations)
        {
            yield return SrContentItem.Container(SrRelationship.Contains, ReportCodes.QualitativeEvaluations, evaluations);
        }
    }

    private static DicomDataset ImageLibrary(SourceStudy source)
    {
        var entries = new List<DicomDataset>
        {
            SrContentItem.Code(SrRelationship.HasAcquisitionContext, ReportCodes.Modality, ReportCodes.ComputedTomography),
            SrContentItem.UidRef(SrRelationship.HasAcquisitionContext, ReportCodes.FrameOfReferenceUid, source.FrameOfReferenceUid),
        };
        foreach (string uid in source.SliceSopInstanceUids)
        {
            entries.Add(SrContentItem.Image(SrRelationship.Contains, source.SopClassUid, uid));
        }

        var group = SrContentItem.Container(SrRelationship.Contains, ReportCodes.ImageLibraryGroup, entries);
        return SrContentItem.Container(SrRelationship.Contains, ReportCodes.ImageLibrary, [group]);
    }

    private static DicomDataset MeasurementGroup(FindingsNodule nodule, FindingsDocument document, SourceStudy source, NoduleTracking tracking)
    {
        var c = nodule.Characterization;
        var algorithm = AlgorithmIdentification(document);
        var items = new List<DicomDataset>
        {
            SrContentItem.Text(SrRelationship.HasObservationContext, ReportCodes.TrackingIdentifier, NoduleTracking.Identifier(nodule.Id)),
            SrContentItem.UidRef(SrRelationship.HasObservationContext, ReportCodes.TrackingUniqueIdentifier, tracking.Uid(nodule.Id)),
            SrContentItem.Code(SrRelationship.Contains, ReportCodes.Finding, ReportCodes.Nodule),
            SrContentItem.Point3D(SrRelationship.Contains, ReportCodes.ImageRegion, new Vector3D(nodule.CenterWorld[0], nodule.CenterWorld[1], nodule.CenterWorld[2]), source.FrameOfReferenceUid),
            SrContentItem.Code(SrRelationship.HasConceptModifier, ReportCodes.FindingSite, ReportCodes.ForSite(c?.Lobe, nodule.Lung)),
            SrContentItem.Num(SrRelationship.Contains, ReportCodes.LongAxis, nodule.LongAxisMm, ReportCodes.Millimeter, algorithm()),
            SrContentItem.Num(SrRelationship.Contains, ReportCodes.ShortAxis, nodule.ShortAxisMm, ReportCodes.Millimeter, algorithm()),
            SrContentItem.Num(SrRelationship.Contains, ReportCodes.Diameter, nodule.MeanDiameterMm, ReportCodes.Millimeter, [Derivation(ReportCodes.Mean), .. algorithm()]),
            SrContentItem.Num(SrRelationship.Contains, ReportCodes.Volume, nodule.VolumeMm3, ReportCodes.CubicMillimeter, [Method(ReportCodes.SumOfSegmentedVoxelVolumes), .. algorithm()]),
            SrContentItem.Num(SrRelationship.Contains, ReportCodes.AttenuationCoefficient, nodule.MeanHu, ReportCodes.HounsfieldUnit, [Derivation(ReportCodes.Mean), .. algorithm()]),
            SrContentItem.Num(SrRelationship.Contains, ReportCodes.AttenuationCoefficient, nodule.MaxHu, ReportCodes.HounsfieldUnit, [Derivation(ReportCodes.Maximum), .. algorithm()]),
            SrContentItem.Num(SrRelationship.Contains, ReportCodes.CertaintyOfFinding, nodule.Probability * 100, ReportCodes.Percent, algorithm()),
        };
        if (c is not null)
        {
            if (c.BrockProbability is { } brock)
            {
                items.Add(SrContentItem.Num(SrRelationship.Contains, ReportCodes.ProbabilityOfCancer, brock * 100, ReportCodes.Percent, [Method(ReportCodes.BrockModel), .. algorithm()]));
            }

            if (c.MalignancyScore is { } score)
            {
                // A 0–1 score validated against radiologists' ratings, not a calibrated probability of cancer.
                items.Add(SrContentItem.Num(SrRelationship.Contains, ReportCodes.LearnedMalignancyScore, score, ReportCodes.NoUnits, algorithm()));
            }

            if (ReportCodes.ForNoduleType(c.Type) is { } type)
            {
                items.Add(SrContentItem.Code(SrRelationship.Contains, ReportCodes.NoduleType, type));
            }

            if (!string.IsNullOrWhiteSpace(c.LungRadsCategory))
            {
                items.Add(SrContentItem.Code(SrRelationship.Contains, ReportCodes.LungRadsCategory, ReportCodes.ForLungRadsCategory(c.LungRadsCategory)));
            }

            if (!string.IsNullOrWhiteSpace(c.LungRadsManagement))
            {
                items.Add(SrContentItem.Text(SrRelationship.Contains, ReportCodes.LungRadsManagement, c.LungRadsManagement));
            }

            if (!string.IsNullOrWhiteSpace(c.FleischnerRecommendation))
            {
                items.Add(SrContentItem.Text(SrRelationship.Contains, ReportCodes.FleischnerRecommendation, c.FleischnerRecommendation));
            }
        }

        if (nodule.Prior is { } prior)
        {
            items.AddRange(PriorItems(prior, algorithm));
        }

        return SrContentItem.Container(SrRelationship.Contains, ReportCodes.MeasurementGroup, items);
    }

    /// <summary>The comparison with the prior exam (nodulescope compare, or the service with a prior of the patient).</summary>
    private static IEnumerable<DicomDataset> PriorItems(FindingsPriorLink prior, Func<DicomDataset[]> algorithm)
    {
        yield return SrContentItem.Code(SrRelationship.Contains, ReportCodes.ChangeSincePrior, ReportCodes.ForChangeStatus(prior.Status));
        yield return SrContentItem.Num(SrRelationship.Contains, ReportCodes.IntervalSincePrior, prior.IntervalDays, ReportCodes.Day, algorithm());
        if (prior.PriorMeanDiameterMm is { } diameter)
        {
            yield return SrContentItem.Num(SrRelationship.Contains, ReportCodes.PriorMeanDiameter, diameter, ReportCodes.Millimeter, algorithm());
        }

        if (prior.VolumeChangePercent is { } change)
        {
            yield return SrContentItem.Num(SrRelationship.Contains, ReportCodes.VolumeChangeSincePrior, change, ReportCodes.Percent, algorithm());
        }

        if (prior.VolumeDoublingTimeDays is { } vdt && double.IsFinite(vdt))
        {
            yield return SrContentItem.Num(SrRelationship.Contains, ReportCodes.VolumeDoublingTime, vdt, ReportCodes.Day, algorithm());
        }
    }

    private static List<DicomDataset> ExamEvaluations(FindingsGuidance guidance)
    {
        var items = new List<DicomDataset>();
        if (!string.IsNullOrWhiteSpace(guidance.LungRadsCategory))
        {
            items.Add(SrContentItem.Code(SrRelationship.Contains, ReportCodes.LungRadsCategory, ReportCodes.ForLungRadsCategory(guidance.LungRadsCategory)));
        }

        if (!string.IsNullOrWhiteSpace(guidance.LungRadsManagement))
        {
            items.Add(SrContentItem.Text(SrRelationship.Contains, ReportCodes.LungRadsManagement, guidance.LungRadsManagement));
        }

        if (!string.IsNullOrWhiteSpace(guidance.FleischnerRecommendation))
        {
            items.Add(SrContentItem.Text(SrRelationship.Contains, ReportCodes.FleischnerRecommendation, guidance.FleischnerRecommendation));
        }

        return items;
    }

    /// <summary>TID 4019 items, made afresh for each measurement (an item belongs to one parent).</summary>
    private static Func<DicomDataset[]> AlgorithmIdentification(FindingsDocument document)
    {
        string parameters = string.Create(CultureInfo.InvariantCulture,
            $"scorer={document.Software.Scorer}; scorer hash={document.Software.ScorerHash}; threshold={document.Threshold:0.###}");
        return () =>
        [
            SrContentItem.Text(SrRelationship.HasConceptModifier, ReportCodes.AlgorithmName, document.Software.Name),
            SrContentItem.Text(SrRelationship.HasConceptModifier, ReportCodes.AlgorithmVersion, document.Software.Version),
            SrContentItem.Text(SrRelationship.HasConceptModifier, ReportCodes.AlgorithmParameters, parameters),
        ];
    }

    private static DicomDataset Derivation(CodedConcept value) => SrContentItem.Code(SrRelationship.HasConceptModifier, ReportCodes.Derivation, value);

    private static DicomDataset Method(CodedConcept value) => SrContentItem.Code(SrRelationship.HasConceptModifier, ReportCodes.MeasurementMethod, value);
}
