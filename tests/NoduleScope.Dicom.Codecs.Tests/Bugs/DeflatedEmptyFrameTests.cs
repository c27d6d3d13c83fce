using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests.Bugs;

/// <summary>
/// Found by afl-fuzz (target `deflate`, 2026-11-27): an empty deflated frame reached UnmanagedMemoryStream with a null
/// pointer and escaped as ArgumentNullException instead of a typed codec error.
/// </summary>
public sealed class DeflatedEmptyFrameTests
{
    [Fact]
    public void AnEmptyFrameIsATypedCodecError()
    {
        var input = FuzzFrameInputFile.Load("fuzz-deflate-empty-frame.bin");
        Assert.Empty(input.Frame);
        byte[] destination = new byte[input.Description.FrameLengthBytes];

        var error = Assert.Throws<DicomCodecException>(() => new DeflatedImageFrameCodec().Decode(input.Frame, input.Description, destination));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
}
