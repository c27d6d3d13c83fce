using NoduleScope.Dicom.Deidentification;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Tests.Deidentification;

/// <summary>De-identified copies of the real files of ../shared/dicom-corpus read back with the same pixels and nothing private.</summary>
public sealed class DeidentifiedCorpusTests
{
    [Fact]
    public void CorpusFilesKeepTheirPixelsAndLoseWhatTheProfileRemoves()
    {
        string corpus = SharedData.Require("dicom-corpus");
        var deidentifier = new Deidentifier(new DeidentificationOptions { SiteKey = "corpus-test-site-key-0123"u8.ToArray() });
        var problems = new List<string>();
        int compared = 0;
        foreach (string path in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            DicomFile original;
            DicomPixelData? originalPixels;
            DeidentifiedInstance instance;
            try
            {
                original = DicomFile.Open(path);
                originalPixels = original.Dataset.Contains(DicomTags.PixelData) ? DicomPixelData.Create(original.Dataset, original.TransferSyntax, path) : null;
                instance = deidentifier.Deidentify(original);
            }
            catch (DicomException)
            {
                continue;
            }

            string name = Path.GetRelativePath(corpus, path);
            using var stream = new MemoryStream();
            instance.Write(stream);
            stream.Position = 0;
            var copy = DicomFile.Read(stream, name + " (de-identified)");
            if (copy.Dataset.Items.Any(i => i.Tag.IsPrivate) || copy.Dataset.GetString(DicomTags.PatientIdentityRemoved) != "YES")
            {
                problems.Add($"{name}: private attributes left or Patient Identity Removed not set");
            }

            if (original.Dataset.Contains(DicomTags.PatientName) && copy.Dataset.GetElement(DicomTags.PatientName)?.Length != 0)
            {
                problems.Add($"{name}: patient name kept");
            }

            if (originalPixels is not null)
            {
                var pixels = DicomPixelData.Create(copy.Dataset, copy.TransferSyntax, name);
                if (pixels.Description != originalPixels.Description || pixels.FrameCount != originalPixels.FrameCount)
                {
                    problems.Add($"{name}: pixel description changed");
                    continue;
                }

                for (int f = 0; f < pixels.FrameCount; f++)
                {
                    if (!pixels.GetRawFrame(f).Span.SequenceEqual(originalPixels.GetRawFrame(f).Span))
                    {
                        problems.Add($"{name}: frame {f} changed");
                        break;
                    }
                }
            }

            compared++;
        }

        Assert.True(compared > 400, $"only {compared} files compared");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
