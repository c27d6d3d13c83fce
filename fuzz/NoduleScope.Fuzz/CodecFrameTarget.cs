using NoduleScope.Dicom;
using NoduleScope.Dicom.Codecs;

namespace NoduleScope.Fuzz;

/// <summary>
/// One pixel codec on one frame (<see cref="FrameInput"/> format), called as <see cref="DicomPixelData"/> calls it.
/// JPEG-LS and JPEG 2000 go into libcharls and libopenjp2: afl-fuzz sees their crashes but only the managed code's
/// coverage (SharpFuzz instruments .NET assemblies only).
/// </summary>
internal sealed class CodecFrameTarget : IFuzzTarget
{
    /// <summary>Frames above this are skipped: they only slow the fuzzer down (production allows up to 2^28 pixels).</summary>
    private static readonly DicomReadOptions Limits = DicomReadOptions.Default with { MaxPixelsPerFrame = 1 << 22 };

    private readonly IPixelCodec codec;
    private readonly Func<IEnumerable<FuzzSeed>> generatedSeeds;

    private CodecFrameTarget(string name, IPixelCodec codec, IReadOnlyList<string> assemblies, Func<IEnumerable<FuzzSeed>>? generatedSeeds = null)
    {
        Name = name;
        this.codec = codec;
        InstrumentedAssemblies = assemblies;
        this.generatedSeeds = generatedSeeds ?? (() => []);
    }

    public string Name { get; }

    public string Description => $"{codec.Name}: Decode of one frame with a fuzzed pixel description";

    public IReadOnlyList<string> InstrumentedAssemblies { get; }

    public static CodecFrameTarget Rle() => new("rle", new RleLosslessCodec(), ["NoduleScope.Dicom.Codecs.dll"], () => FramesOf(GeneratedDicomFiles.All()));

    public static CodecFrameTarget Jpeg() => new("jpeg", new JpegCodec(), ["NoduleScope.Dicom.Codecs.dll", "JpegLibrary.dll"]);

    public static CodecFrameTarget JpegLs() => new("jpegls", new JpegLsCodec(), ["NoduleScope.Dicom.Codecs.dll"]);

    public static CodecFrameTarget Jpeg2000() => new("j2k", new Jpeg2000Codec(), ["NoduleScope.Dicom.Codecs.dll"]);

    public static CodecFrameTarget Deflate() => new("deflate", new DeflatedImageFrameCodec(), ["NoduleScope.Dicom.Codecs.dll"], () => FramesOf(GeneratedDicomFiles.All()));

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < FrameInput.HeaderLength)
        {
            return;
        }

        if (!codec.IsAvailable)
        {
            throw new InvalidOperationException($"{codec.Name} is unavailable ({codec.UnavailableReason}); install it before fuzzing");
        }

        PixelDescription description;
        try
        {
            description = FrameInput.Description(input, Limits);
        }
        catch (DicomException)
        {
            return;
        }

        byte[] destination = new byte[description.FrameLengthBytes];
        try
        {
            codec.Decode(input[FrameInput.HeaderLength..], description, destination);
        }
        catch (Exception e) when (ExpectedFailures.IsTypedDicomError(e))
        {
        }
    }

    public IEnumerable<FuzzSeed> Seeds(string? corpusFolder)
    {
        foreach (var seed in generatedSeeds())
        {
            if (seed.Name.StartsWith(Name + "_", StringComparison.Ordinal))
            {
                yield return seed;
            }
        }

        int taken = 0;
        foreach (string path in CorpusFiles.Small(corpusFolder, maxBytes: 1 << 20))
        {
            byte[]? frame = FrameOf(path);
            if (frame is not null && frame.Length <= 256 << 10 && taken++ < 40)
            {
                yield return new FuzzSeed(CorpusFiles.SeedName(corpusFolder!, path), frame);
            }
        }
    }

    /// <summary>Frame 0 of a corpus file this codec decodes, in <see cref="FrameInput"/> format; null for other files.</summary>
    private byte[]? FrameOf(string path)
    {
        try
        {
            var file = DicomFile.Open(path);
            if (!codec.TransferSyntaxUids.Contains(file.TransferSyntax.Uid) || !file.Dataset.Contains(DicomTags.PixelData))
            {
                return null;
            }

            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, path, Limits);
            return FrameInput.Encode(pixels.Description, pixels.GetRawFrame(0).Span);
        }
        catch (Exception e) when (ExpectedFailures.IsTypedDicomError(e))
        {
            return null;
        }
    }

    /// <summary>The encapsulated frames of generated files, named by the codec whose syntax they use.</summary>
    private static IEnumerable<FuzzSeed> FramesOf(IEnumerable<FuzzSeed> files)
    {
        foreach (var seed in files)
        {
            var file = DicomFile.Read(new MemoryStream(seed.Data));
            if (file.Dataset.GetItem(DicomTags.PixelData) is not DicomFragmentSequence)
            {
                continue;
            }

            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax);
            string prefix = file.TransferSyntax == DicomTransferSyntax.RleLossless ? "rle" : file.TransferSyntax == DicomTransferSyntax.DeflatedImageFrameCompression ? "deflate" : "other";
            yield return new FuzzSeed($"{prefix}_{seed.Name}", FrameInput.Encode(pixels.Description, pixels.GetRawFrame(0).Span));
        }
    }
}
