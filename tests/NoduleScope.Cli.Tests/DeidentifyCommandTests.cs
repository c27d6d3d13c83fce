using NoduleScope.Dicom;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli.Tests;

public sealed class DeidentifyCommandTests
{
    [Fact]
    public void DeidentifiedSeriesStillAssemblesIntoTheSameVolume()
    {
        using var folder = new TestFolder();
        var phantom = PhantomSeries.Write(folder["in"], slices: 8);
        string key = WriteKey(folder, "site.key", "0123456789abcdef0123456789abcdef");

        var result = CliResult.Run("deidentify", folder["in"], folder["out"], "--site-key-file", key);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("De-identified 8 file(s)", result.Stdout);
        string[] written = [.. Directory.GetFiles(folder["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"IM{i:D6}.dcm"), written);

        var original = Assemble(folder["in"]);
        var deidentified = Assemble(folder["out"]);
        Assert.Equal(original.Voxels, deidentified.Voxels);
        Assert.Equal(phantom.Volume.Voxels, deidentified.Voxels);
        Assert.Equal(original.Spacing, deidentified.Spacing);
        Assert.NotEqual(PhantomSeries.SeriesUid, deidentified.Source!.SeriesInstanceUid);
        Assert.NotEqual(PhantomSeries.StudyUid, deidentified.Source.StudyInstanceUid);

        foreach (string path in Directory.GetFiles(folder["out"]))
        {
            var file = DicomFile.Open(path);
            Assert.Equal(string.Empty, file.Dataset.GetString(DicomTags.PatientName));
            Assert.Equal(string.Empty, file.Dataset.GetString(DicomTags.StudyDate));
            Assert.Equal("YES", file.Dataset.GetString(DicomTags.PatientIdentityRemoved));
            Assert.Equal(deidentified.Source.SeriesInstanceUid, file.Dataset.GetString(DicomTags.SeriesInstanceUID));
        }
    }

    [Fact]
    public void TheSameKeyGivesTheSameUidsAndAnotherKeyOthers()
    {
        using var folder = new TestFolder();
        PhantomSeries.Write(folder["in"], slices: 2);
        string keyA = WriteKey(folder, "a.key", "key-A-0123456789abcdef");
        string keyB = WriteKey(folder, "b.key", "key-B-0123456789abcdef");
        Assert.Equal(0, CliResult.Run("deidentify", folder["in"], folder["a1"], "--site-key-file", keyA).ExitCode);
        Assert.Equal(0, CliResult.Run("deidentify", folder["in"], folder["a2"], "--site-key-file", keyA).ExitCode);
        Assert.Equal(0, CliResult.Run("deidentify", folder["in"], folder["b"], "--site-key-file", keyB).ExitCode);
        string Uid(string run) => DicomFile.Open(Path.Combine(folder[run], "IM000001.dcm")).Dataset.GetString(DicomTags.SOPInstanceUID)!;
        Assert.Equal(Uid("a1"), Uid("a2"));
        Assert.NotEqual(Uid("a1"), Uid("b"));
    }

    [Fact]
    public void KeepLongitudinalKeepsDates()
    {
        using var folder = new TestFolder();
        PhantomSeries.Write(folder["in"], slices: 1);
        var result = CliResult.Run("deidentify", folder["in"], folder["out"], "--keep-longitudinal");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("consistent within this run only", result.Stdout);
        var ds = DicomFile.Open(Path.Combine(folder["out"], "IM000001.dcm")).Dataset;
        Assert.Equal("20240101", ds.GetString(DicomTags.StudyDate));
        var codes = ds.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Select(i => i.GetString(DicomTags.CodeValue));
        Assert.Equal(["113100", "113106"], codes);
    }

    [Fact]
    public void BrokenFilesAreReportedByNameAndTheOthersAreWritten()
    {
        using var folder = new TestFolder();
        var phantom = PhantomSeries.Write(folder["in"], slices: 3);
        byte[] good = File.ReadAllBytes(phantom.Files[0]);
        File.WriteAllBytes(Path.Combine(folder["in"], "truncated.dcm"), good[..(good.Length / 2)]);
        File.WriteAllText(Path.Combine(folder["in"], "notes.txt"), "not DICOM");

        var result = CliResult.Run("deidentify", folder["in"], folder["out"]);

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("nodulescope: ", error);
        Assert.Contains("truncated.dcm", error);
        Assert.Contains("De-identified 3 file(s)", result.Stdout);
        Assert.Contains("1 could not be de-identified", result.Stdout);
        Assert.Contains("1 skipped", result.Stdout);
        Assert.Equal(3, Directory.GetFiles(folder["out"]).Length);
        result.AssertNoStackTrace();
    }

    [Fact]
    public void HostileValuesNeverBecomeOutputPaths()
    {
        using var folder = new TestFolder();
        Directory.CreateDirectory(folder["in"]);
        var ds = new DicomDataset()
            .AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7")
            .AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "../../escaped")
            .AddString(DicomTags.StudyInstanceUID, DicomVR.UI, "..")
            .AddString(DicomTags.PatientName, "../../../etc/passwd");
        DicomWriter.WriteFile(Path.Combine(folder["in"], "hostile.dcm"), ds);

        var result = CliResult.Run("deidentify", folder["in"], folder["out"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(["IM000001.dcm"], Directory.GetFiles(folder["out"]).Select(Path.GetFileName));
        Assert.Equal(["hostile.dcm"], Directory.GetFiles(folder["in"]).Select(Path.GetFileName));
        Assert.Equal(["in", "out"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var written = DicomFile.Open(Path.Combine(folder["out"], "IM000001.dcm")).Dataset;
        Assert.StartsWith("2.25.", written.GetString(DicomTags.SOPInstanceUID));
    }

    [Fact]
    public void AFolderThatIsNotEmptyIsRefused()
    {
        using var folder = new TestFolder();
        PhantomSeries.Write(folder["in"], slices: 1);
        Directory.CreateDirectory(folder["out"]);
        File.WriteAllText(Path.Combine(folder["out"], "keep.txt"), "x");
        CliResult.Run("deidentify", folder["in"], folder["out"]).AssertBadInput("not empty");
        CliResult.Run("deidentify", folder["in"], Path.Combine(folder["in"], "sub")).AssertBadInput("inside the input folder");
    }

    [Fact]
    public void ShortOrMissingSiteKeysAreRefused()
    {
        using var folder = new TestFolder();
        PhantomSeries.Write(folder["in"], slices: 1);
        string shortKey = WriteKey(folder, "short.key", "tooshort\n");
        CliResult.Run("deidentify", folder["in"], folder["out1"], "--site-key-file", shortKey).AssertBadInput("short.key", "at least 16");
        CliResult.Run("deidentify", folder["in"], folder["out2"], "--site-key-file", folder["missing.key"]).AssertBadInput("missing.key", "not found");
        CliResult.Run("deidentify", folder["in"], folder["out3"], "--profile", "full").AssertBadInput("full");
        CliResult.Run("deidentify", folder["nothing"], folder["out4"]).AssertBadInput("nothing", "no such file");
    }

    private static string WriteKey(TestFolder folder, string name, string text)
    {
        File.WriteAllText(folder[name], text);
        return folder[name];
    }

    private static Imaging.CtVolume Assemble(string path)
    {
        var scan = new DicomInputScanner().Scan(path);
        var series = Assert.Single(scan.Series);
        return new SeriesAssembler(DicomCodecs.Default).Assemble(series).Volume;
    }
}
