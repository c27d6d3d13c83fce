using NoduleScope.Dicom;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Sr;
using NoduleScope.Reporting.Tests.Outputs;

namespace NoduleScope.Reporting.Tests.Sr;

public sealed class MeasurementReportTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 10, 20, 30, TimeSpan.Zero);

    [Fact]
    public void PhantomFindingsAreReported()
    {
        Assert.True(StudyCase.Phantom.Document.Findings.Count >= 2, "the phantom should give at least two findings to report");
    }

    [Fact]
    public void SrPassesDciodvfyAndDsrdumpPrintsTheTree()
    {
        foreach (var study in new[] { StudyCase.Phantom, StudyCase.Phantom.Characterised() })
        {
            using var temp = new TempFolder();
            string path = temp["sr.dcm"];
            DicomWriter.WriteFile(path, Build(study));

            ExternalTool.AssertValidDicom(path);
            string dsrdump = ExternalTool.Require("dsrdump", "dcmtk");
            var (exit, tree, errors) = ExternalTool.Run(dsrdump, "+Pc", path);
            Assert.True(exit == 0, "dsrdump failed: " + errors);
            Assert.Contains("Comprehensive 3D SR", tree, StringComparison.Ordinal);
            Assert.Contains("<CONTAINER:(126000,DCM,\"Imaging Measurement Report\")=SEPARATE>", tree, StringComparison.Ordinal);
            foreach (var f in study.Document.Findings)
            {
                Assert.Contains($"<has obs context TEXT:(112039,DCM,\"Tracking Identifier\")=\"Nodule {f.Id}\">", tree, StringComparison.Ordinal);
            }

            Assert.Contains("<contains SCOORD3D:(111030,DCM,\"Image Region\")=(POINT,", tree, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheChangeSincePriorIsReportedValidAndReadsBack()
    {
        var study = StudyCase.Phantom.Characterised();
        var first = study.Document.Findings[0];
        var second = study.Document.Findings[1];
        var links = new Dictionary<int, FindingsPriorLink>
        {
            [first.Id] = new() { Status = "growing", ComparisonPairIndex = 0, PriorFindingId = 4, MatchMethod = "automatic", MatchConfidence = 0.93, PriorCenterWorld = [1, 2, 3],
                PriorMeanDiameterMm = 6.2, PriorVolumeMm3 = 125, MeanDiameterChangeMm = 2.1, VolumeChangePercent = 118.5, VolumeDoublingTimeDays = 271, IntervalDays = 365 },
            [second.Id] = new() { Status = "new", ComparisonPairIndex = 1, MatchMethod = "unpaired", MatchConfidence = 0, IntervalDays = 365 },
        };
        var document = study.Document with { Findings = [.. study.Document.Findings.Select(f => links.TryGetValue(f.Id, out var l) ? f with { Prior = l } : f)] };
        var tracking = NoduleTracking.Create(document.Findings.Select(f => f.Id));
        using var temp = new TempFolder();
        string path = temp["sr.dcm"];
        DicomWriter.WriteFile(path, MeasurementReportWriter.Build(document, study.Source, Series(), tracking, Created));

        ExternalTool.AssertValidDicom(path);
        var report = MeasurementReportReader.Read(DicomFile.Open(path).Dataset);

        var growing = report.Nodules.Single(n => n.TrackingIdentifier == NoduleTracking.Identifier(first.Id));
        Assert.Equal(("growing", 365.0, 6.2, 118.5, 271.0), (growing.ChangeSincePrior, growing.IntervalSincePriorDays, growing.PriorMeanDiameterMm, growing.VolumeChangePercent, growing.VolumeDoublingTimeDays));
        var added = report.Nodules.Single(n => n.TrackingIdentifier == NoduleTracking.Identifier(second.Id));
        Assert.Equal(("new", (double?)null, (double?)null), (added.ChangeSincePrior, added.PriorMeanDiameterMm, added.VolumeDoublingTimeDays));
        Assert.All(report.Nodules.Where(n => n != growing && n != added), n => Assert.Null(n.ChangeSincePrior));
    }

    [Fact]
    public void CharacterisedReportReadsBackToTheSameNumbers()
    {
        var study = StudyCase.Phantom.Characterised();
        var source = study.Source;
        var tracking = NoduleTracking.Create(study.Document.Findings.Select(f => f.Id));

        var report = MeasurementReportReader.Read(WriteAndRead(MeasurementReportWriter.Build(study.Document, source, Series(), tracking, Created)));

        Assert.Equal("NoduleScope", report.DeviceObserverName);
        Assert.Equal(source.SliceSopInstanceUids, report.ImageLibrary);
        Assert.Equal(study.Document.Findings.Count, report.Nodules.Count);
        foreach (var (expected, actual) in study.Document.Findings.Zip(report.Nodules))
        {
            var c = expected.Characterization!;
            Assert.Equal(NoduleTracking.Identifier(expected.Id), actual.TrackingIdentifier);
            Assert.Equal(tracking.Uid(expected.Id), actual.TrackingUid);
            Assert.Equal(ReportCodes.Nodule, actual.Finding);
            Assert.Equal(ReportCodes.ForSite(c.Lobe, expected.Lung), actual.FindingSite);
            Assert.Equal(source.FrameOfReferenceUid, actual.FrameOfReferenceUid);
            for (int axis = 0; axis < 3; axis++)
            {
                // SCOORD3D coordinates are 32-bit floats.
                Assert.Equal(expected.CenterWorld[axis], actual.Center![axis], 1e-4);
            }

            Assert.Equal(expected.LongAxisMm, actual.LongAxisMm);
            Assert.Equal(expected.ShortAxisMm, actual.ShortAxisMm);
            Assert.Equal(expected.MeanDiameterMm, actual.MeanDiameterMm);
            Assert.Equal(expected.VolumeMm3, actual.VolumeMm3);
            Assert.Equal(expected.MeanHu, actual.MeanHu);
            Assert.Equal(expected.MaxHu, actual.MaxHu);
            Assert.Equal(expected.Probability, actual.DetectionProbability!.Value, 1e-9);
            Assert.Equal(c.BrockProbability!.Value, actual.BrockProbability!.Value, 1e-9);
            Assert.Equal(c.MalignancyScore!.Value, actual.MalignancyScore!.Value, 1e-9);
            Assert.Equal(c.Type, actual.Type);
            Assert.Equal(c.LungRadsCategory, actual.LungRadsCategory);
            Assert.Equal(c.LungRadsManagement, actual.LungRadsManagement);
            Assert.Equal(c.FleischnerRecommendation, actual.FleischnerRecommendation);
            Assert.Equal(study.Document.Software.Name, actual.AlgorithmName);
            Assert.Equal(study.Document.Software.Version, actual.AlgorithmVersion);
        }

        Assert.Equal(new ReportedGuidance("4A", "3-month LDCT", "CT at 3 months, then PET/CT"), report.Guidance);
    }

    [Fact]
    public void UncharacterisedFindingsLeaveOutTypeRiskAndGuidance()
    {
        var study = StudyCase.Phantom;
        var dataset = WriteAndRead(Build(study));
        var report = MeasurementReportReader.Read(dataset);

        Assert.Null(report.Guidance);
        Assert.All(report.Nodules, n =>
        {
            Assert.Null(n.Type);
            Assert.Null(n.BrockProbability);
            Assert.Null(n.MalignancyScore);
            Assert.Null(n.LungRadsCategory);
            Assert.Null(n.FleischnerRecommendation);
            Assert.NotNull(n.VolumeMm3);
        });
        // Without a lobe the finding site is the lung side the detector found.
        Assert.Equal(study.Document.Findings.Select(f => ReportCodes.ForSite(null, f.Lung)), report.Nodules.Select(n => n.FindingSite));
    }

    [Fact]
    public void ReportWithoutFindingsHasNoMeasurementGroupsAndStaysValid()
    {
        var study = StudyCase.Phantom with { Document = StudyCase.Phantom.Document with { Findings = [] } };
        using var temp = new TempFolder();
        string path = temp["empty-sr.dcm"];
        DicomWriter.WriteFile(path, Build(study));

        Assert.Empty(MeasurementReportReader.Read(DicomFile.Open(path).Dataset).Nodules);
        ExternalTool.AssertValidDicom(path);
    }

    [Fact]
    public void PatientAndStudyAreThoseOfTheSourceInANewSeries()
    {
        var study = StudyCase.Phantom;
        var dataset = WriteAndRead(Build(study));

        Assert.Equal(StudyCase.PatientName, dataset.GetString(DicomTags.PatientName));
        Assert.Equal(study.Header.GetString(DicomTags.PatientID), dataset.GetString(DicomTags.PatientID));
        Assert.Equal(study.Header.GetString(DicomTags.StudyInstanceUID), dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(study.Header.GetString(DicomTags.AccessionNumber), dataset.GetString(DicomTags.AccessionNumber));
        Assert.NotEqual(study.Header.GetString(DicomTags.SeriesInstanceUID), dataset.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal("SR", dataset.GetString(DicomTags.Modality));
        Assert.Equal(MeasurementReportWriter.Comprehensive3DSrStorage, dataset.GetString(DicomTags.SOPClassUID));
    }

    internal static DicomDataset Build(StudyCase study) =>
        MeasurementReportWriter.Build(study.Document, study.Source, Series(), NoduleTracking.Create(study.Document.Findings.Select(f => f.Id)), Created);

    private static DerivedSeries Series() => new(DicomUid.Generate(), 9902, "SR", "NoduleScope measurements");

    private static DicomDataset WriteAndRead(DicomDataset dataset)
    {
        using var stream = new MemoryStream();
        DicomWriter.WriteFile(stream, dataset);
        stream.Position = 0;
        return DicomFile.Read(stream).Dataset;
    }
}
