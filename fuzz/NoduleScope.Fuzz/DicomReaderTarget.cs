using NoduleScope.Dicom;

namespace NoduleScope.Fuzz;

/// <summary>
/// The Part 10 reader as the receiver uses it: a header-only read, a full read, then the pixel description and every
/// frame's raw bytes; native frames are also decoded (no codec: encapsulated frames are the codec targets' work).
/// </summary>
internal sealed class DicomReaderTarget : IFuzzTarget
{
    private static readonly PixelCodecRegistry NoCodecs = new();

    public string Name => "dicom-reader";

    public string Description => "DicomFile.Read (header-only and full), DicomPixelData.Create, raw frames, native frame decode";

    public IReadOnlyList<string> InstrumentedAssemblies { get; } = ["NoduleScope.Dicom.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        byte[] bytes = input.ToArray();
        try
        {
            DicomFile.Read(new MemoryStream(bytes, writable: false), "fuzz.dcm", DicomReadOptions.Default with { ReadPixelData = false });
            var file = DicomFile.Read(new MemoryStream(bytes, writable: false), "fuzz.dcm");
            if (!file.Dataset.Contains(DicomTags.PixelData))
            {
                return;
            }

            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, "fuzz.dcm");
            for (int frame = 0; frame < pixels.FrameCount; frame++)
            {
                pixels.GetRawFrame(frame);
                if (!pixels.IsEncapsulated)
                {
                    pixels.DecodeFrame(frame, NoCodecs);
                }
            }
        }
        catch (Exception e) when (ExpectedFailures.IsTypedDicomError(e))
        {
        }
    }

    public IEnumerable<FuzzSeed> Seeds(string? corpusFolder)
    {
        foreach (var seed in GeneratedDicomFiles.All())
        {
            yield return seed;
        }

        foreach (string path in CorpusFiles.Small(corpusFolder, maxBytes: 32 << 10))
        {
            yield return new FuzzSeed(CorpusFiles.SeedName(corpusFolder!, path), File.ReadAllBytes(path));
        }
    }
}
