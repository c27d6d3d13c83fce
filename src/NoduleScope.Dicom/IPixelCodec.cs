namespace NoduleScope.Dicom;

/// <summary>Decodes compressed frames of one or more transfer syntaxes into native pixel data.</summary>
public interface IPixelCodec
{
    /// <summary>The transfer syntax UIDs this codec decodes.</summary>
    IReadOnlyList<string> TransferSyntaxUids { get; }

    /// <summary>A short name for messages, e.g. "JPEG-LS (libcharls)".</summary>
    string Name { get; }

    /// <summary>False when a native library the codec needs is missing.</summary>
    bool IsAvailable { get; }

    /// <summary>Why the codec is unavailable, naming what to install; null when available.</summary>
    string? UnavailableReason { get; }

    /// <summary>
    /// Decodes one frame (its fragments concatenated) into <paramref name="destination"/>, which has exactly
    /// <see cref="PixelDescription.FrameLengthBytes"/> bytes. The output is native little-endian samples of
    /// BitsAllocated bits, color samples interleaved (PlanarConfiguration 0) and signed values sign-extended.
    /// </summary>
    /// <exception cref="DicomCodecException">the stream is corrupt or disagrees with the description.</exception>
    void Decode(ReadOnlySpan<byte> frame, PixelDescription description, Span<byte> destination);
}
