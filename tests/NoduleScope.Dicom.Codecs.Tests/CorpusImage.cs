using NoduleScope.Dicom;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>A DICOM file of the shared corpus opened through the reader; skips the test when the corpus is absent.</summary>
internal sealed class CorpusImage
{
    private readonly DicomPixelData pixels;

    private CorpusImage(string path, DicomPixelData pixels, DicomTransferSyntax syntax)
    {
        Path = path;
        this.pixels = pixels;
        TransferSyntax = syntax;
    }

    public string Path { get; }

    public DicomTransferSyntax TransferSyntax { get; }

    public PixelDescription Description => pixels.Description;

    public int FrameCount => pixels.FrameCount;

    public static CorpusImage Open(string relativePath)
    {
        string path = SharedData.Require(relativePath);
        var file = DicomFile.Open(path);
        return new CorpusImage(path, DicomPixelData.Create(file.Dataset, file.TransferSyntax, file.FilePath), file.TransferSyntax);
    }

    public ReadOnlyMemory<byte> RawFrame(int index) => pixels.GetRawFrame(index);

    /// <summary>Decodes a frame with <paramref name="codec"/> into a new buffer.</summary>
    public byte[] Decode(IPixelCodec codec, int index = 0)
    {
        byte[] frame = new byte[Description.FrameLengthBytes];
        codec.Decode(RawFrame(index).Span, Description, frame);
        return frame;
    }

    /// <summary>A native frame in the codec output layout (interleaved colour, signed samples sign-extended), as the
    /// reader's own native path produces it.</summary>
    public byte[] NativeFrame(int index = 0)
    {
        if (TransferSyntax.IsEncapsulated)
        {
            throw new InvalidOperationException($"{Path} is not native");
        }

        return pixels.DecodeFrame(index, new PixelCodecRegistry());
    }
}
