using System.IO.Compression;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Tests.Properties;

/// <summary>
/// Valid files to damage: small generated ones in every encoding the reader handles (always), and the files of
/// ../shared/dicom-corpus when it is there.
/// </summary>
internal static class MutationSeeds
{
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Generated = new(BuildGenerated);

    public static IReadOnlyList<(string Name, byte[] Bytes)> Small => Generated.Value;

    /// <summary>The corpus files (largest first left out above <paramref name="maxBytes"/>), or none when the corpus is absent.</summary>
    public static IReadOnlyList<string> CorpusFiles(long maxBytes)
    {
        string? root = SharedData.Root;
        string corpus = root is null ? string.Empty : Path.Combine(root, "dicom-corpus");
        if (root is null || !Directory.Exists(corpus))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".txt", StringComparison.Ordinal))
            .Where(f => new FileInfo(f).Length <= maxBytes)
            .Order(StringComparer.Ordinal)];
    }

    private static List<(string, byte[])> BuildGenerated()
    {
        const string ExplicitLE = "1.2.840.10008.1.2.1";
        var seeds = new List<(string, byte[])>
        {
            ("native-ct", Write(CtDataset(native: true), null)),
            ("rle-2-frames", Write(CtDataset(native: false), DicomTransferSyntax.RleLossless)),
            ("implicit", DicomBytes.Part10("1.2.840.10008.1.2", d => d
                .Implicit(0x0008, 0x0016, DicomBytes.Ascii("1.2.840.10008.5.1.4.1.1.2"))
                .Implicit(0x0010, 0x0010, DicomBytes.Ascii("Doe^Jane"))
                .Implicit(0x0008, 0x1140, [], 0xFFFFFFFF).BeginItem().Implicit(0x0008, 0x1155, DicomBytes.Ascii("1.2.3")).EndItem().EndSequence()
                .Implicit(0x0028, 0x0010, [4, 0]).Implicit(0x0028, 0x0011, [4, 0]).Implicit(0x0028, 0x0100, [16, 0]).Implicit(0x0028, 0x0101, [12, 0])
                .Implicit(0x0028, 0x0102, [11, 0]).Implicit(0x0028, 0x0002, [1, 0]).Implicit(0x7FE0, 0x0010, new byte[32]))),
            ("big-endian", DicomBytes.Part10("1.2.840.10008.1.2.2", d => d
                .Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("Doe^Jane"))
                .Explicit(0x0028, 0x0010, "US", [0, 4]).Explicit(0x0028, 0x0011, "US", [0, 4]).Explicit(0x0028, 0x0100, "US", [0, 16])
                .Explicit(0x0028, 0x0101, "US", [0, 16]).Explicit(0x0028, 0x0102, "US", [0, 15]).Explicit(0x0028, 0x0103, "US", [0, 1])
                .Explicit(0x7FE0, 0x0010, "OW", new byte[32]), bigEndianBody: true)),
            ("deflated", DicomBytes.Part10("1.2.840.10008.1.2.1.99", d => d.Raw(Deflate(new DicomBytes()
                .Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("Doe^Jane"))
                .BeginSequence(0x0040, 0xA730).BeginItem().Explicit(0x0040, 0xA160, "UT", DicomBytes.Ascii("finding")).EndItem().EndSequence()
                .Explicit(0x0009, 0x1001, "OB", new byte[200]).ToArray())))),
            ("bare-dataset", new DicomBytes()
                .Explicit(0x0008, 0x0016, "UI", DicomBytes.Ascii("1.2.840.10008.5.1.4.1.1.7"))
                .Explicit(0x0010, 0x0010, "PN", DicomBytes.Ascii("Doe^Jane"))
                .Explicit(0x0010, 0x0020, "LO", DicomBytes.Ascii("ID1")).ToArray()),
            ("nested", DicomBytes.Part10(ExplicitLE, d =>
            {
                for (int i = 0; i < 6; i++)
                {
                    d.BeginSequence(0x0040, 0xA730).BeginItem();
                }

                d.Explicit(0x0040, 0xA160, "UT", DicomBytes.Ascii("deep"));
                for (int i = 0; i < 6; i++)
                {
                    d.EndItem().EndSequence();
                }

                d.Explicit(0x0008, 0x1140, "SQ", new DicomBytes().BeginItem(18).Explicit(0x0008, 0x1155, "UI", DicomBytes.Ascii("1.2.3.4.5")).ToArray());
            })),
        };
        return seeds;
    }

    private static DicomDataset CtDataset(bool native)
    {
        var ds = new DicomDataset()
            .AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
            .AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4.5")
            .AddString(DicomTags.PatientName, "Doe^Jane")
            .AddSequence(DicomTags.ReferencedImageSequence, new DicomDataset().AddString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3"))
            .AddUInt16(DicomTags.Rows, 8)
            .AddUInt16(DicomTags.Columns, 8)
            .AddUInt16(DicomTags.BitsAllocated, 16)
            .AddUInt16(DicomTags.BitsStored, 12)
            .AddUInt16(DicomTags.HighBit, 11)
            .AddUInt16(DicomTags.PixelRepresentation, 1)
            .AddUInt16(DicomTags.SamplesPerPixel, 1)
            .AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        byte[] pixels = [.. Enumerable.Range(0, 128).Select(i => (byte)(i * 37))];
        if (native)
        {
            ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OW, pixels));
        }
        else
        {
            ds.AddString(DicomTags.NumberOfFrames, DicomVR.IS, "2");
            byte[] offsets = [0, 0, 0, 0, 80, 0, 0, 0];
            ds.Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, offsets, [pixels[..72], pixels[56..]]));
        }

        return ds;
    }

    private static byte[] Write(DicomDataset dataset, DicomTransferSyntax? syntax)
    {
        using var stream = new MemoryStream();
        DicomWriter.WriteFile(stream, dataset, syntax);
        return stream.ToArray();
    }

    private static byte[] Deflate(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(bytes);
        }

        return output.ToArray();
    }
}
