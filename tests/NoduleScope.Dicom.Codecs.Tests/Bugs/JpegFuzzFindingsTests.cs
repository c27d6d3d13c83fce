using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests.Bugs;

/// <summary>
/// Found by afl-fuzz (target `jpeg`, 2026-11-27, 28 crashes and 2 hangs in its first 6 minutes): a lossless Huffman table with
/// more codes than its lengths allow indexed past the lookup table (IndexOutOfRangeException); JpegLibrary met corrupt
/// lossy streams with NullReferenceException and DivideByZeroException, which escaped as such; a baseline scan with
/// spectral selection 255..0 kept JpegLibrary busy for 9 s on a 240 x 240 frame. Each input must now end in the
/// codec's typed error.
/// </summary>
public sealed class JpegFuzzFindingsTests
{
    [Theory]
    [InlineData("fuzz-jpeg-lossless-huffman-oversubscribed.bin", "more codes than its code lengths allow")]
    [InlineData("fuzz-jpeg-lossless-huffman-oversubscribed-2.bin", "")]
    [InlineData("fuzz-jpeg-jpeglibrary-null-reference.bin", "")]
    [InlineData("fuzz-jpeg-jpeglibrary-null-reference-progressive.bin", "")]
    [InlineData("fuzz-jpeg-jpeglibrary-divide-by-zero.bin", "")]
    [InlineData("fuzz-jpeg-jpeglibrary-divide-by-zero-baseline.bin", "")]
    [InlineData("fuzz-jpeg-baseline-scan-ss255-spins.bin", "spectral selection 255..0")]
    public void ACorruptJpegFrameIsATypedCodecError(string file, string expected)
    {
        var input = FuzzFrameInputFile.Load(file);
        byte[] destination = new byte[input.Description.FrameLengthBytes];

        var error = Assert.ThrowsAny<DicomException>(() => new JpegCodec().Decode(input.Frame, input.Description, destination));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
