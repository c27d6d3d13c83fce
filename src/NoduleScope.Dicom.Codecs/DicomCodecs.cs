namespace NoduleScope.Dicom.Codecs;

/// <summary>The pixel codecs of this library. Creating a registry probes no native library; each codec does that
/// the first time it is asked whether it is available.</summary>
public static class DicomCodecs
{
    /// <summary>A registry shared by every reader that does not need its own.</summary>
    public static PixelCodecRegistry Default { get; } = CreateDefaultRegistry();

    /// <summary>A new registry with RLE, deflated frames, JPEG, JPEG-LS and JPEG 2000 / HTJ2K.</summary>
    public static PixelCodecRegistry CreateDefaultRegistry() =>
        new PixelCodecRegistry()
            .Register(new RleLosslessCodec())
            .Register(new DeflatedImageFrameCodec())
            .Register(new JpegCodec())
            .Register(new JpegLsCodec())
            .Register(new Jpeg2000Codec());
}
