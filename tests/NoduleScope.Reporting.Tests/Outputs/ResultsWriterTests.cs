using NoduleScope.Dicom;
using NoduleScope.Reporting.Outputs;
using NoduleScope.Reporting.Seg;
using NoduleScope.Reporting.Sr;

namespace NoduleScope.Reporting.Tests.Outputs;

public sealed class ResultsWriterTests
{
    [Fact]
    public void DicomInputGetsEveryOutputInNewSeriesOfTheSourceStudy()
    {
        var study = StudyCase.Phantom.Characterised();
        using var temp = new TempFolder();

        var written = ResultsWriter.Write(Inputs(study), temp.Path, OutputKinds.All);

        Assert.Empty(written.Warnings);
        var ids = study.Document.Findings.Select(f => f.Id).ToList();
        string[] expected =
        [
            "report.html", "report.pdf", "dicom/SR.dcm", "dicom/SEG.dcm", "dicom/PDF.dcm",
            .. ids.Select(id => $"key-images/nodule-{id}.png"), .. ids.Select(id => $"dicom/SC-nodule-{id}.dcm"),
        ];
        Assert.Equal(expected.Order(), written.Files.Select(f => Path.GetRelativePath(temp.Path, f)).Order());
        Assert.All(written.Files, f => Assert.True(new FileInfo(f).Length > 0, f));

        var dicom = written.Files.Where(f => f.EndsWith(".dcm", StringComparison.Ordinal)).ToList();
        var series = new HashSet<string>();
        foreach (string path in dicom)
        {
            ExternalTool.AssertValidDicom(path);
            var ds = DicomFile.Open(path).Dataset;
            Assert.Equal(study.Header.GetString(DicomTags.StudyInstanceUID), ds.GetString(DicomTags.StudyInstanceUID));
            Assert.Equal(study.Header.GetString(DicomTags.PatientID), ds.GetString(DicomTags.PatientID));
            Assert.NotEqual(study.Header.GetString(DicomTags.SeriesInstanceUID), ds.GetString(DicomTags.SeriesInstanceUID));
            series.Add(ds.GetString(DicomTags.SeriesInstanceUID)!);
        }

        Assert.Equal(4, series.Count); // SR, SEG, key images, PDF

        // The SR's measurement groups and the SEG's segments are linked by tracking UID.
        var sr = MeasurementReportReader.Read(DicomFile.Open(Path.Combine(temp.Path, "dicom", "SR.dcm")).Dataset);
        var seg = SegmentationReader.Read(DicomFile.Open(Path.Combine(temp.Path, "dicom", "SEG.dcm")).Dataset);
        Assert.Equal(sr.Nodules.Select(n => (n.TrackingIdentifier, n.TrackingUid)), seg.Segments.Select(s => (s.TrackingId!, s.TrackingUid!)));
    }

    [Fact]
    public void NonDicomInputGetsReportsAndImagesButNoDicom()
    {
        var study = StudyCase.Phantom;
        using var temp = new TempFolder();

        var written = ResultsWriter.Write(Inputs(study) with { SourceHeader = null }, temp.Path, OutputKinds.All);

        Assert.False(Directory.Exists(Path.Combine(temp.Path, "dicom")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "report.html")));
        Assert.True(File.Exists(Path.Combine(temp.Path, "report.pdf")));
        Assert.Equal(study.Document.Findings.Count, Directory.GetFiles(Path.Combine(temp.Path, "key-images"), "*.png").Length);
        string warning = Assert.Single(written.Warnings);
        Assert.StartsWith("sr,seg,sc,epdf not written: the input is not DICOM", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheRequestedOutputsAreWritten()
    {
        var study = StudyCase.Phantom;
        using var temp = new TempFolder();

        var written = ResultsWriter.Write(Inputs(study), temp.Path, OutputKindsParser.Parse("sr,html"));

        Assert.Equal(["dicom/SR.dcm", "report.html"], written.Files.Select(f => Path.GetRelativePath(temp.Path, f)).Order());
    }

    [Fact]
    public void NoFindingsStillGiveAReportAndAnSrButNoSegmentation()
    {
        var study = StudyCase.Phantom with { Document = StudyCase.Phantom.Document with { Findings = [] } };
        using var temp = new TempFolder();

        var written = ResultsWriter.Write(Inputs(study), temp.Path, OutputKinds.All);

        Assert.Equal(["dicom/PDF.dcm", "dicom/SR.dcm", "report.html", "report.pdf"], written.Files.Select(f => Path.GetRelativePath(temp.Path, f)).Order());
        Assert.Equal(["seg not written: there is no finding to segment"], written.Warnings);
        Assert.Contains("No nodule was found at this threshold.", File.ReadAllText(Path.Combine(temp.Path, "report.html")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sr,seg,sc,epdf,html,pdf,png", OutputKinds.All)]
    [InlineData("all", OutputKinds.All)]
    [InlineData(" SR , html ", OutputKinds.Sr | OutputKinds.Html)]
    [InlineData("none", OutputKinds.None)]
    [InlineData("", OutputKinds.None)]
    public void OutputListsParse(string text, OutputKinds expected)
    {
        Assert.Equal(expected, OutputKindsParser.Parse(text));
        Assert.Equal(expected, OutputKindsParser.Parse(OutputKindsParser.Format(expected)));
    }

    [Fact]
    public void UnknownOutputNamesAreRefusedByName()
    {
        var e = Assert.Throws<FormatException>(() => OutputKindsParser.Parse("sr,dicomweb"));
        Assert.Contains("'dicomweb'", e.Message, StringComparison.Ordinal);
        Assert.Equal(OutputKinds.All, OutputKindsParser.Parse(OutputKindsParser.Default));
    }

    private static ReportInputs Inputs(StudyCase study) => new()
    {
        Document = study.Document,
        Volume = study.Volume,
        Masks = study.Masks,
        SourceHeader = study.Header,
    };
}
