using System.Buffers;
using System.Runtime.InteropServices;
using JpegLibrary;

namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// JPEG Baseline, Extended, Lossless and Lossless SV1 (1.2.840.10008.1.2.4.50/.51/.57/.70). The coding process is
/// taken from the stream's SOF marker, not the transfer syntax: Huffman lossless (SOF3) goes to the in-house
/// <see cref="JpegLosslessDecoder"/>, DCT processes to JpegLibrary. Three-component YCbCr DCT streams are converted
/// to RGB, as viewers expect.
/// </summary>
public sealed class JpegCodec : IPixelCodec
{
    /// <summary>More scans than any real encoder writes (progressive JPEG uses about ten); each scan revisits the
    /// whole image, so a stream of thousands of tiny scans would keep JpegLibrary busy for minutes.</summary>
    private const int MaxScans = 64;

    public IReadOnlyList<string> TransferSyntaxUids { get; } =
    [
        DicomTransferSyntax.JpegBaseline.Uid,
        DicomTransferSyntax.JpegExtended.Uid,
        DicomTransferSyntax.JpegLossless.Uid,
        DicomTransferSyntax.JpegLosslessSV1.Uid,
    ];

    public string Name => "JPEG (in-house lossless, JpegLibrary)";

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription description, Span<byte> destination)
    {
        PixelSamples.RequireFrameLength(description, destination);
        var header = JpegStreamHeader.Read(frame);
        Validate(header, description);
        if (header.IsLossless && description.BitsAllocated == 16)
        {
            JpegLosslessDecoder.Decode(frame, header, MemoryMarshal.Cast<byte, ushort>(destination));
        }
        else
        {
            int count = (int)(description.PixelsPerFrame * description.SamplesPerPixel);
            ushort[] samples = ArrayPool<ushort>.Shared.Rent(count);
            try
            {
                var decoded = samples.AsSpan(0, count);
                if (header.IsLossless)
                {
                    JpegLosslessDecoder.Decode(frame, header, decoded);
                }
                else
                {
                    DecodeWithJpegLibrary(frame, header, samples);
                    if (IsYCbCr(header, description))
                    {
                        ConvertYCbCrToRgb(decoded, header.Precision);
                    }
                }

                Store(decoded, description.BitsAllocated, destination);
            }
            finally
            {
                ArrayPool<ushort>.Shared.Return(samples);
            }
        }

        PixelSamples.SignExtend(destination, description.BitsAllocated, PixelSamples.SignExtensionBits(description, header.Precision));
    }

    /// <summary>
    /// Decodes with JpegLibrary into <paramref name="samples"/> (at least Width × Height × components entries,
    /// interleaved), without colour conversion. Also used by tests as the reference for the in-house lossless decoder.
    /// </summary>
    internal static void DecodeWithJpegLibrary(ReadOnlySpan<byte> frame, JpegStreamHeader header, ushort[] samples)
    {
        int scans = CheckScans(frame, header.FrameMarker);
        if (scans > MaxScans)
        {
            throw new DicomCodecException($"JPEG: {scans} scans exceed the limit of {MaxScans}");
        }

        byte[] input = ArrayPool<byte>.Shared.Rent(frame.Length);
        try
        {
            frame.CopyTo(input);
            var decoder = new JpegDecoder();
            decoder.SetInput(new ReadOnlyMemory<byte>(input, 0, frame.Length));
            decoder.Identify();
            if (decoder.Width != header.Width || decoder.Height != header.Height || decoder.NumberOfComponents != header.ComponentCount)
            {
                throw new DicomCodecException($"JPEG: JpegLibrary reads a {decoder.Width}x{decoder.Height} frame of {decoder.NumberOfComponents} components");
            }

            decoder.SetOutputWriter(new JpegLibrarySampleWriter(header.Width, header.Height, header.ComponentCount, header.Precision, clamp: !header.IsLossless, samples));
            decoder.Decode();
        }
        // JpegLibrary trusts its input: corrupt streams surface as whatever its arithmetic hits (afl-fuzz found null
        // references and divisions by zero, tests/NoduleScope.Dicom.Codecs.Tests/Bugs). Its state is per call, so they
        // are a corrupt frame, not a broken process.
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or NotSupportedException or ArgumentException or IndexOutOfRangeException or FormatException
            or NullReferenceException or DivideByZeroException or OverflowException)
        {
            throw new DicomCodecException($"JPEG: JpegLibrary cannot decode the frame: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>
    /// Counts the SOS markers (entropy-coded data cannot contain FF DA: encoders stuff a zero after every FF) and checks
    /// each scan's spectral selection and successive approximation against the frame type (ITU T.81 B.2.3), which
    /// JpegLibrary does not: a baseline scan claiming Ss = 255 made it spin for seconds (found by afl-fuzz; regression
    /// test in Bugs/JpegFuzzFindingsTests).
    /// </summary>
    private static int CheckScans(ReadOnlySpan<byte> frame, byte frameMarker)
    {
        ReadOnlySpan<byte> startOfScan = [0xFF, JpegStreamHeader.StartOfScan];
        int count = 0;
        int found;
        while ((found = frame.IndexOf(startOfScan)) >= 0)
        {
            count++;
            frame = frame[(found + 2)..];
            if (frame.Length < 3)
            {
                throw new DicomCodecException($"JPEG: scan {count} header is truncated");
            }

            int length = (frame[0] << 8) | frame[1];
            int components = frame[2];
            if (length != 6 + (2 * components) || frame.Length < length)
            {
                throw new DicomCodecException($"JPEG: scan {count} header has length {length} for {components} component(s)");
            }

            int ss = frame[3 + (2 * components)], se = frame[4 + (2 * components)], ah = frame[5 + (2 * components)] >> 4, al = frame[5 + (2 * components)] & 15;
            bool valid = frameMarker switch
            {
                // Sequential scans should say 0..63 with no approximation; old encoders write other values that libjpeg
                // only warns about, so only values outside the block are refused.
                0xC0 or 0xC1 or 0xC9 => ss <= se && se <= 63,
                0xC2 or 0xCA => ss <= se && se <= 63 && (ss > 0 || se == 0) && ah <= 13 && al <= 13,
                0xC3 or 0xCB => ss is >= 1 and <= 7 && se == 0 && ah == 0,
                _ => true,
            };
            if (!valid)
            {
                throw new DicomCodecException($"JPEG: scan {count} has spectral selection {ss}..{se} and approximation {ah}/{al}, invalid for frame marker FF{frameMarker:X2}");
            }
        }

        return count;
    }

    private static void Validate(JpegStreamHeader header, PixelDescription description)
    {
        if (header.Width != description.Columns || header.Height != description.Rows)
        {
            throw new DicomCodecException($"JPEG: stream is {header.Width}x{header.Height}, the dataset says {description.Columns}x{description.Rows}");
        }

        if (header.ComponentCount != description.SamplesPerPixel)
        {
            throw new DicomCodecException($"JPEG: stream has {header.ComponentCount} components, the dataset says {description.SamplesPerPixel} samples per pixel");
        }

        if (description.BitsAllocated is not (8 or 16) || header.Precision < 2 || header.Precision > description.BitsAllocated)
        {
            throw new DicomCodecException($"JPEG: {header.Precision}-bit samples do not fit BitsAllocated {description.BitsAllocated}");
        }

        bool supported = header.FrameMarker is 0xC0 or 0xC1 or 0xC2 or JpegStreamHeader.LosslessHuffman or 0xC9 or 0xCA;
        if (!supported)
        {
            throw new DicomCodecException($"JPEG: coding process of SOF marker FF{header.FrameMarker:X2} is not supported");
        }
    }

    /// <summary>Whether three DCT-coded components are YCbCr: Adobe's transform flag, then JFIF, then component
    /// ids 'R','G','B', then the dataset's photometric interpretation.</summary>
    private static bool IsYCbCr(JpegStreamHeader header, PixelDescription description)
    {
        if (header.ComponentCount != 3)
        {
            return false;
        }

        if (header.AdobeTransform >= 0)
        {
            return header.AdobeTransform != 0;
        }

        if (header.HasJfif)
        {
            return true;
        }

        if (header.ComponentIds[0] == 'R' && header.ComponentIds[1] == 'G' && header.ComponentIds[2] == 'B')
        {
            return false;
        }

        return !string.Equals(description.PhotometricInterpretation, "RGB", StringComparison.Ordinal);
    }

    /// <summary>Full-range YCbCr to RGB with libjpeg's 16-bit fixed-point constants.</summary>
    private static void ConvertYCbCrToRgb(Span<ushort> samples, int precision)
    {
        int center = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        const int Half = 1 << 15;
        for (int i = 0; i + 2 < samples.Length; i += 3)
        {
            int y = samples[i];
            int cb = samples[i + 1] - center;
            int cr = samples[i + 2] - center;
            samples[i] = (ushort)Math.Clamp(y + (((91881 * cr) + Half) >> 16), 0, max);
            samples[i + 1] = (ushort)Math.Clamp(y - (((22554 * cb) + (46802 * cr) - Half) >> 16), 0, max);
            samples[i + 2] = (ushort)Math.Clamp(y + (((116130 * cb) + Half) >> 16), 0, max);
        }
    }

    private static void Store(ReadOnlySpan<ushort> samples, int bitsAllocated, Span<byte> destination)
    {
        if (bitsAllocated == 16)
        {
            samples.CopyTo(MemoryMarshal.Cast<byte, ushort>(destination));
            return;
        }

        for (int i = 0; i < samples.Length; i++)
        {
            destination[i] = (byte)samples[i];
        }
    }
}
