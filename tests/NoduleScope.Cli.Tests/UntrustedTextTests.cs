using NoduleScope.Dicom;

namespace NoduleScope.Cli.Tests;

/// <summary>Hardening rule 8: text from DICOM files is untrusted; terminal escapes and control characters never reach
/// the console as they are.</summary>
public sealed class UntrustedTextTests
{
    [Fact]
    public void EscapeSequencesInSeriesDescriptionsAreNeutralised()
    {
        using var temp = new TestFolder();
        var phantom = PhantomSeries.Write(temp["dicom"]);
        foreach (string path in phantom.Files)
        {
            var file = DicomFile.Open(path);
            file.Dataset.AddString(DicomTags.SeriesDescription, DicomVR.LO, "\u001b]0;pwned\u0007\u001b[31mRED\r\nFAKE LINE <script>");
            DicomWriter.WriteFile(path, file.Dataset);
        }

        foreach (var args in new[] { new[] { "info", phantom.Folder }, new[] { "info", phantom.Folder, "--json" } })
        {
            var result = CliResult.Run(args);
            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain('\u001b', result.Stdout);
            Assert.DoesNotContain('\u0007', result.Stdout);
            Assert.DoesNotContain("\r\nFAKE LINE", result.Stdout);
            Assert.Contains("RED", result.Stdout);
        }
    }
}
