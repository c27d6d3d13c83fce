using NoduleScope.Dicom;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Workers;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Pipeline.Tests;

/// <summary>The service's processing of stored instances: the same chain and files as <c>nodulescope detect</c>.</summary>
public sealed class StudyJobProcessorTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_phantom_study_gives_findings_and_the_sr_and_seg_to_send_filed_under_its_study()
    {
        var files = PhantomStudy.Write(folder["in"]);
        var processor = new StudyJobProcessor(new StudyProcessor(new StudyProcessorOptions { Outputs = OutputKinds.Sr | OutputKinds.Seg | OutputKinds.Html }), OutputKinds.Sr | OutputKinds.Seg);
        var job = new ClaimedJob("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", "1.2.3", "v1", 1, "w0");

        // Instances arrive in any order and under content-addressed names.
        var shuffled = files.OrderBy(f => f.GetHashCode(StringComparison.Ordinal)).ToList();
        var toSend = await processor.ProcessAsync(job, shuffled, folder["out"], CancellationToken.None);

        var document = FindingsJson.Read(folder["out/findings.json"]);
        Assert.NotEmpty(document.Findings);
        Assert.Equal("study/" + job.StudyId, document.Input.Path);
        Assert.True(File.Exists(folder["out/candidates.csv"]));
        Assert.True(File.Exists(folder["out/report.html"]));
        Assert.Equal(["SEG.dcm", "SR.dcm"], toSend.Select(Path.GetFileName));
        string study = DicomFile.OpenHeader(files[0]).Dataset.GetString(DicomTags.StudyInstanceUID)!;
        Assert.All(toSend, f => Assert.Equal(study, DicomFile.OpenHeader(f).Dataset.GetString(DicomTags.StudyInstanceUID)));
    }

    [Fact]
    public async Task A_study_without_a_usable_ct_series_is_an_input_problem()
    {
        var files = DicomSeriesWriter.Write(SyntheticChestPhantom.Create(32, 4, 2.0, 1), folder["short"], new DicomSeriesWriterOptions { Seed = "short" });
        var processor = new StudyJobProcessor(new StudyProcessor(), OutputKinds.None);
        var job = new ClaimedJob("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", "1.2.3", "v1", 1, "w0");
        var e = await Assert.ThrowsAsync<StudyInputException>(() => processor.ProcessAsync(job, files, folder["out"], CancellationToken.None));
        Assert.Contains("only 4 slice(s)", e.Message, StringComparison.Ordinal);
    }
}
