using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

public sealed class NativeLibraryAvailabilityTests
{
    [Fact]
    public void MissingCharLsIsReportedNotThrown()
    {
        var codec = new JpegLsCodec("libcharls-missing.so.9");

        Assert.False(codec.IsAvailable);
        Assert.Contains("libcharls-missing.so.9 not found", codec.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("libcharls2", codec.UnavailableReason, StringComparison.Ordinal);
        Assert.Throws<DicomNotSupportedException>(() => codec.Decode([0xFF, 0xD8], RleLosslessCodecTests.Describe(1, 1, 1, 8, 8, 0), new byte[1]));
    }

    [Fact]
    public void MissingOpenJpegIsReportedNotThrown()
    {
        var codec = new Jpeg2000Codec("libopenjp2-missing.so.1");

        Assert.False(codec.IsAvailable);
        Assert.Contains("libopenjp2-missing.so.1 not found", codec.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains("libopenjp2-7", codec.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void LibraryWithoutTheEntryPointsIsReportedNotThrown()
    {
        var codec = new JpegLsCodec("libz.so.1");
        if (!System.Runtime.InteropServices.NativeLibrary.TryLoad("libz.so.1", out _))
        {
            Assert.Skip("libz.so.1 is not installed");
        }

        Assert.False(codec.IsAvailable);
        Assert.Contains("charls_jpegls_decoder_create", codec.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryWithMissingLibrariesStillServesTheOtherCodecs()
    {
        var registry = new PixelCodecRegistry()
            .Register(new RleLosslessCodec())
            .Register(new JpegLsCodec("libcharls-missing.so.9"))
            .Register(new Jpeg2000Codec("libopenjp2-missing.so.1"));

        var error = Assert.Throws<DicomNotSupportedException>(() => registry.Get(DicomTransferSyntax.JpegLSLossless));
        Assert.Contains("libcharls2", error.Message, StringComparison.Ordinal);
        Assert.Throws<DicomNotSupportedException>(() => registry.Get(DicomTransferSyntax.HtJpeg2000Lossless));
        Assert.IsType<RleLosslessCodec>(registry.Get(DicomTransferSyntax.RleLossless));
    }

    [Fact]
    public void DefaultRegistryCoversEveryCompressedSyntax()
    {
        var registry = DicomCodecs.Default;
        foreach (var syntax in DicomTransferSyntax.All)
        {
            if (syntax.IsEncapsulated && syntax != DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian)
            {
                Assert.True(registry.TryGet(syntax.Uid, out var codec), $"no codec for {syntax}");
                Assert.True(codec!.IsAvailable, $"{codec.Name}: {codec.UnavailableReason}");
                Assert.Null(codec.UnavailableReason);
            }
        }

        Assert.NotSame(DicomCodecs.Default, DicomCodecs.CreateDefaultRegistry());
    }
}
