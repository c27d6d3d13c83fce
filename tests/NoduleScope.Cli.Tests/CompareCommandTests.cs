using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Reporting.Findings;
using NoduleScope.TestSupport;

namespace NoduleScope.Cli.Tests;

public sealed class CompareCommandTests
{
    private const int Size = 160;
    private const int Slices = 80;
    private const double Spacing = 1.5;

    [Fact]
    public void ComparesTwoPhantomsAndCallsTheGrownNoduleGrowing()
    {
        using var temp = new TestFolder();
        var (prior, current, grown) = WritePhantoms(temp);

        var result = CliResult.Run("compare", prior, current, "-o", temp["out"], "--prior-date", "20240101", "--current-date", "20250101", "--purpose", "screening");

        Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
        var document = ComparisonJson.Read(temp["out/comparison.json"]);
        Assert.Equal(ComparisonDocument.SchemaId, document.Schema);
        Assert.Equal(366, document.IntervalDays);
        var pair = GrownPair(document, grown);
        Assert.Equal("growing", pair.Status);
        Assert.NotNull(pair.Prior);
        Assert.True(pair.Change!.MeanDiameterChangeMm > 1.5, $"change {pair.Change.MeanDiameterChangeMm} mm");
        Assert.True(pair.Change.VolumeDoublingTimeDays > 0);
        Assert.Equal(1, document.Summary.Growing);
        Assert.Equal(0, document.Summary.New + document.Summary.Resolved);

        var findings = FindingsJson.Read(temp["out/findings.json"]);
        var link = findings.Findings.Single(f => f.Id == pair.Current!.FindingId).Prior!;
        Assert.Equal("growing", link.Status);
        Assert.Equal(pair.Index, link.ComparisonPairIndex);
        Assert.Equal(366, link.IntervalDays);
        Assert.True(File.Exists(temp["out/prior-findings.json"]));
        Assert.Contains("growing", result.Stdout);
        Assert.Contains("Exam (follow-up): Lung-RADS", result.Stdout);

        // The same comparison with the prior's findings read back instead of detected.
        var again = CliResult.Run("compare", prior, current, "-o", temp["again"], "--prior-date", "20240101", "--current-date", "20250101",
            "--prior-findings", temp["out/prior-findings.json"]);

        Assert.True(again.ExitCode == 0, again.Stderr + again.Stdout);
        var reread = ComparisonJson.Read(temp["again/comparison.json"]);
        Assert.Equal(temp["out/prior-findings.json"], reread.Prior.FindingsSource);
        Assert.Equal("growing", GrownPair(reread, grown).Status);
    }

    [Fact]
    public void AMissingInputIsOneLineAndExitCode2()
    {
        using var temp = new TestFolder();
        var result = CliResult.Run("compare", temp["missing-prior"], temp["missing-current"], "-o", temp["out"], "--prior-date", "20240101", "--current-date", "20250101");

        result.AssertBadInput("missing-prior", "no such file");
    }

    [Fact]
    public void AStudyDateIsNeededWhenTheInputHasNone()
    {
        using var temp = new TestFolder();
        var (prior, current, _) = WritePhantoms(temp, small: true);

        var result = CliResult.Run("compare", prior, current, "-o", temp["out"], "--current-date", "20250101");

        result.AssertBadInput("--prior-date");
    }

    [Theory]
    [InlineData("--prior-date", "2024-13-45", "not a date")]
    [InlineData("--pairs", "pairs.json", "\"pairs\" array")]
    public void BadOptionsFailBeforeAnyDetection(string option, string value, string expected)
    {
        using var temp = new TestFolder();
        File.WriteAllText(temp["pairs.json"], "[]");
        string argument = option == "--pairs" ? temp[value] : value;

        var result = CliResult.Run("compare", temp["a.nii"], temp["b.nii"], "-o", temp["out"], option, argument);

        result.AssertBadInput(expected);
    }

    [Fact]
    public void APairNamingAFindingThatDoesNotExistIsBadInput()
    {
        using var temp = new TestFolder();
        var (prior, current, _) = WritePhantoms(temp, small: true);
        string findings = EmptyFindings(temp);
        File.WriteAllText(temp["pairs.json"], """{"pairs": [{"prior": 3, "current": 1}]}""");

        var result = CliResult.Run("compare", prior, current, "-o", temp["out"], "--prior-date", "20240101", "--current-date", "20250101",
            "--prior-findings", findings, "--current-findings", findings, "--pairs", temp["pairs.json"]);

        result.AssertBadInput("pairs.json", "the prior exam has no finding 3", "none");
    }

    [Fact]
    public void TheCurrentExamMustBeLaterThanThePrior()
    {
        using var temp = new TestFolder();
        var (prior, current, _) = WritePhantoms(temp, small: true);

        var result = CliResult.Run("compare", prior, current, "-o", temp["out"], "--prior-date", "20250101", "--current-date", "20240101");

        result.AssertBadInput("must be later");
    }

    /// <summary>A findings.json without findings, as detect writes for a scan without nodules.</summary>
    private static string EmptyFindings(TestFolder temp)
    {
        string path = temp["empty-findings.json"];
        FindingsJson.Write(new FindingsDocument
        {
            Software = new FindingsSoftware("NoduleScope", "0.1.0", "test", "test"),
            Input = new FindingsInput { Path = "x", Size = [48, 48, 20], Spacing = [2.5, 2.5, 2.5], Origin = [0, 0, 0], Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1] },
            Stages = [],
            Warnings = [],
            Threshold = 0.5,
            Lungs = new FindingsLungs(0, 0, false),
            CandidateCount = 0,
            Findings = [],
        }, path);
        return path;
    }

    private static ComparisonDocumentPair GrownPair(ComparisonDocument document, Vector3D grown) =>
        Assert.Single(document.Pairs, p => p.Current is { } c && (new Vector3D(c.CenterWorld[0], c.CenterWorld[1], c.CenterWorld[2]) - grown).Length < 4);

    /// <summary>The phantom, and the same phantom with its 8 mm nodule grown to 12 mm, as NIfTI files.</summary>
    private static (string Prior, string Current, Vector3D Grown) WritePhantoms(TestFolder temp, bool small = false)
    {
        int size = small ? 48 : Size, slices = small ? 20 : Slices;
        double spacing = small ? 2.5 : Spacing;
        var (prior, current, grown) = GrowingNodulePhantoms.Create(size, slices, spacing);

        string priorPath = temp["prior.nii.gz"], currentPath = temp["current.nii.gz"];
        NiftiWriter.Write(prior, priorPath);
        NiftiWriter.Write(current, currentPath);
        return (priorPath, currentPath, grown);
    }
}
