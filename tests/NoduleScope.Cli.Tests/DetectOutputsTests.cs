using System.Security.Cryptography;
using NoduleScope.Dicom;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Reporting.Findings;
using NoduleScope.TestSupport;

namespace NoduleScope.Cli.Tests;

/// <summary><c>detect --outputs</c>: the DICOM results, key images and reports next to findings.json.</summary>
public sealed class DetectOutputsTests
{
    [Fact]
    public void DefaultOutputsAreAllWrittenAndTheSourcesAreUntouched()
    {
        using var temp = new TestFolder();
        string dicom = WritePhantom(temp["dicom"]);
        var before = Hashes(dicom);

        var result = CliResult.Run("detect", dicom, "-o", temp["out"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(before, Hashes(dicom));
        var findings = FindingsJson.Read(temp["out/findings.json"]).Findings;
        Assert.NotEmpty(findings);
        string[] expected =
        [
            "candidates.csv", "findings.json", "report.html", "report.pdf", "dicom/SR.dcm", "dicom/SEG.dcm", "dicom/PDF.dcm",
            .. findings.Select(f => $"key-images/nodule-{f.Id}.png"), .. findings.Select(f => $"dicom/SC-nodule-{f.Id}.dcm"),
        ];
        Assert.Equal(expected.Order(), Directory.GetFiles(temp["out"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp["out"], f).Replace('\\', '/')).Order());
        Assert.Contains($"Wrote {expected.Length - 2} result file(s)", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: sr", result.Stdout, StringComparison.Ordinal);

        string source = Directory.GetFiles(dicom)[0];
        var sourceStudy = DicomFile.OpenHeader(source).Dataset.GetString(DicomTags.StudyInstanceUID);
        foreach (string file in Directory.GetFiles(temp["out/dicom"]))
        {
            Dciodvfy.AssertValidIfInstalled(file);
            Assert.Equal(sourceStudy, DicomFile.OpenHeader(file).Dataset.GetString(DicomTags.StudyInstanceUID));
        }
    }

    [Fact]
    public void OnlyTheListedOutputsAreWritten()
    {
        using var temp = new TestFolder();
        string dicom = WritePhantom(temp["dicom"]);

        var result = CliResult.Run("detect", dicom, "-o", temp["out"], "--outputs", "html,sr");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["candidates.csv", "dicom/SR.dcm", "findings.json", "report.html"],
            Directory.GetFiles(temp["out"], "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(temp["out"], f).Replace('\\', '/')).Order());
    }

    [Fact]
    public void NoneKeepsJustFindingsAndCandidates()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"], slices: 20);

        var result = CliResult.Run("detect", phantom.Folder, "-o", temp["out"], "--outputs", "none");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["candidates.csv", "findings.json"], Directory.GetFiles(temp["out"]).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AnUnknownOutputIsABadInput()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);

        var result = CliResult.Run("detect", phantom.Folder, "-o", temp["out"], "--outputs", "sr,dicomweb");

        result.AssertBadInput("--outputs", "'dicomweb'");
    }

    [Fact]
    public void VolumeFileInputGetsReportsButNoDicomWithAWarning()
    {
        using var temp = new TestFolder();
        NiftiWriter.Write(SyntheticChestPhantom.Create(160, 100, 2.0, 3), temp["phantom.nii.gz"]);

        var result = CliResult.Run("detect", temp["phantom.nii.gz"], "-o", temp["out"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("warning: sr,seg,sc,epdf not written: the input is not DICOM", result.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp["out/dicom"]));
        Assert.True(File.Exists(temp["out/report.html"]));
        Assert.True(File.Exists(temp["out/report.pdf"]));
        Assert.NotEmpty(Directory.GetFiles(temp["out/key-images"], "*.png"));
    }

    [Fact]
    public void RealCtSeriesGetsValidDicomResults()
    {
        string folder = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        using var temp = new TestFolder();
        var before = Hashes(folder);

        var result = CliResult.Run("detect", folder, "-o", temp["out"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(before, Hashes(folder));
        Assert.True(File.Exists(temp["out/dicom/SR.dcm"]));
        foreach (string file in Directory.GetFiles(temp["out/dicom"]))
        {
            Dciodvfy.AssertValidIfInstalled(file);
        }
    }

    /// <summary>The 160 × 160 × 100 phantom (2 mm voxels) as DICOM: big enough for the detector to report nodules.</summary>
    private static string WritePhantom(string folder)
    {
        DicomSeriesWriter.Write(SyntheticChestPhantom.Create(160, 100, 2.0, 3), folder, new DicomSeriesWriterOptions { Seed = "detect-outputs" });
        return folder;
    }

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
