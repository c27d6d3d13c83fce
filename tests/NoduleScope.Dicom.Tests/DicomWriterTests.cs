using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Tests;

public sealed class DicomWriterTests
{
    [Fact]
    public void RoundTripsEveryCorpusFileThatReads()
    {
        string corpus = SharedData.Require("dicom-corpus");
        int roundTripped = 0;
        var failures = new List<string>();
        foreach (string path in Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories))
        {
            DicomFile original;
            try
            {
                original = DicomFile.Open(path);
            }
            catch (DicomException)
            {
                continue;
            }

            var syntax = original.Dataset.GetItem(DicomTags.PixelData) is DicomFragmentSequence
                ? original.TransferSyntax
                : DicomTransferSyntax.ExplicitVRLittleEndian;
            if ((original.Dataset.GetString(DicomTags.SOPClassUID) ?? original.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID)) is null
                || (original.Dataset.GetString(DicomTags.SOPInstanceUID) ?? original.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID)) is null)
            {
                continue;
            }

            using var stream = new MemoryStream();
            DicomWriter.WriteFile(stream, original.Dataset, syntax, original.FileMetaInformation);
            stream.Position = 0;
            var copy = DicomFile.Read(stream, path + " (rewritten)");
            string? difference = Compare(original.Dataset, copy.Dataset, string.Empty);
            if (difference is not null)
            {
                failures.Add($"{Path.GetRelativePath(corpus, path)}: {difference}");
            }

            Assert.Equal(syntax, copy.TransferSyntax);
            roundTripped++;
        }

        Assert.True(roundTripped > 400, $"only {roundTripped} files round-tripped");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void WritesValidFileMetaInformation()
    {
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4.5");
        ds.AddString(DicomTags.PatientName, DicomVR.PN, "Odd");
        using var stream = new MemoryStream();
        DicomWriter.WriteFile(stream, ds);
        byte[] bytes = stream.ToArray();
        Assert.Equal("DICM"u8.ToArray(), bytes[128..132]);
        var read = DicomFile.Read(new MemoryStream(bytes));
        Assert.True(read.HadPreamble);
        Assert.Empty(read.Warnings);
        Assert.Equal("1.2.3.4.5", read.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, read.FileMetaInformation.GetString(DicomTags.TransferSyntaxUID));
        Assert.True(read.FileMetaInformation.TryGetDouble(DicomTags.FileMetaInformationGroupLength, out double groupLength));
        Assert.True(groupLength > 50);
        // Odd-length text is padded with a space to even length.
        Assert.Equal(4, read.Dataset.GetElement(DicomTags.PatientName)!.Length);
        Assert.Equal("Odd", read.Dataset.GetString(DicomTags.PatientName));
    }

    private static string? Compare(DicomDataset a, DicomDataset b, string path)
    {
        // The writer leaves out group lengths (retired, and never trusted by the reader).
        a = new DicomDataset(a.Items.Where(i => !i.Tag.IsGroupLength));
        b = new DicomDataset(b.Items.Where(i => !i.Tag.IsGroupLength));
        if (a.Count != b.Count)
        {
            return $"{path} has {a.Count} elements, copy has {b.Count}";
        }

        for (int i = 0; i < a.Count; i++)
        {
            var x = a.Items[i];
            var y = b.Items[i];
            string where = $"{path}/{x.Tag}";
            if (x.Tag != y.Tag)
            {
                return $"{where}: tag {y.Tag} in the copy";
            }

            switch (x, y)
            {
                case (DicomSequence sx, DicomSequence sy):
                    if (sx.Items.Count != sy.Items.Count)
                    {
                        return $"{where}: {sx.Items.Count} items vs {sy.Items.Count}";
                    }

                    for (int k = 0; k < sx.Items.Count; k++)
                    {
                        string? d = Compare(sx.Items[k], sy.Items[k], $"{where}[{k}]");
                        if (d is not null)
                        {
                            return d;
                        }
                    }

                    break;
                case (DicomFragmentSequence fx, DicomFragmentSequence fy):
                    if (fx.Fragments.Count != fy.Fragments.Count || !fx.BasicOffsetTable.Span.SequenceEqual(fy.BasicOffsetTable.Span))
                    {
                        return $"{where}: fragments differ";
                    }

                    for (int k = 0; k < fx.Fragments.Count; k++)
                    {
                        if (!SameValue(fx.Fragments[k].Span, fy.Fragments[k].Span))
                        {
                            return $"{where}: fragment {k} differs";
                        }
                    }

                    break;
                case (DicomElement ex, DicomElement ey):
                    if (!SameValue(ex.Data.Span, ey.Data.Span))
                    {
                        return $"{where}: value differs ({ex.Length} vs {ey.Length} bytes)";
                    }

                    break;
                default:
                    return $"{where}: {x.GetType().Name} became {y.GetType().Name}";
            }
        }

        return null;
    }

    /// <summary>Equal, allowing the one padding byte the writer adds to odd-length values.</summary>
    private static bool SameValue(ReadOnlySpan<byte> original, ReadOnlySpan<byte> copy) =>
        original.SequenceEqual(copy) || (original.Length % 2 == 1 && copy.Length == original.Length + 1 && copy[..original.Length].SequenceEqual(original));
}
