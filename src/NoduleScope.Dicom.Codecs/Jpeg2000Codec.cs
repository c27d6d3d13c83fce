using System.Runtime.InteropServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// JPEG 2000 (1.2.840.10008.1.2.4.90/.91) and High-Throughput JPEG 2000 (.4.201/.202/.203) through libopenjp2,
/// decoding from memory. Codestream or JP2 is chosen by the magic bytes. Image size, component count and precision
/// are checked against the pixel description after the header is read and before anything is decoded or copied.
/// </summary>
public sealed class Jpeg2000Codec : IPixelCodec
{
    private const int StreamChunkSize = 1 << 16;

    private static ReadOnlySpan<byte> CodestreamMagic => [0xFF, 0x4F, 0xFF, 0x51];

    private static ReadOnlySpan<byte> Jp2Magic => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private readonly Lazy<NativeLibraryLoad<OpenJpegLibrary>> library;

    public Jpeg2000Codec()
        : this(OpenJpegLibrary.DefaultLibraryName)
    {
    }

    internal Jpeg2000Codec(string libraryName)
    {
        library = new Lazy<NativeLibraryLoad<OpenJpegLibrary>>(() => OpenJpegLibrary.Load(libraryName), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<string> TransferSyntaxUids { get; } =
    [
        DicomTransferSyntax.Jpeg2000Lossless.Uid,
        DicomTransferSyntax.Jpeg2000.Uid,
        DicomTransferSyntax.HtJpeg2000Lossless.Uid,
        DicomTransferSyntax.HtJpeg2000RpclLossless.Uid,
        DicomTransferSyntax.HtJpeg2000.Uid,
    ];

    public string Name => "JPEG 2000 (libopenjp2)";

    public bool IsAvailable => library.Value.Library is not null;

    public string? UnavailableReason => library.Value.UnavailableReason;

    public unsafe void Decode(ReadOnlySpan<byte> frame, PixelDescription description, Span<byte> destination)
    {
        PixelSamples.RequireFrameLength(description, destination);
        var openJpeg = library.Value.Library
            ?? throw new DicomNotSupportedException($"codec {Name} is unavailable: {library.Value.UnavailableReason}");
        int format = frame.StartsWith(CodestreamMagic) ? OpenJpegLibrary.FormatCodestream
            : frame.StartsWith(Jp2Magic) ? OpenJpegLibrary.FormatJp2
            : throw new DicomCodecException("JPEG 2000: the frame is neither a J2K codestream (FF4F FF51) nor a JP2 file");

        if (description.BitsAllocated is not (1 or 8 or 16 or 32) || (description.BitsAllocated == 1 && description.SamplesPerPixel != 1))
        {
            throw new DicomCodecException($"JPEG 2000: {description.SamplesPerPixel} sample(s) of {description.BitsAllocated} bits are not supported");
        }

        OpenJpegErrorBuffer errors = default;
        byte* parameters = stackalloc byte[OpenJpegLibrary.DecoderParametersSize];
        new Span<byte>(parameters, OpenJpegLibrary.DecoderParametersSize).Clear();
        fixed (byte* data = frame)
        {
            var source = new OpenJpegMemorySource { Data = data, Length = frame.Length, Position = 0 };
            IntPtr codec = IntPtr.Zero;
            IntPtr stream = IntPtr.Zero;
            OpenJpegImage* image = null;
            try
            {
                codec = openJpeg.CreateDecompress(format);
                if (codec == IntPtr.Zero)
                {
                    throw new DicomCodecException("JPEG 2000: opj_create_decompress failed");
                }

                openJpeg.InstallHandlers(codec, &errors);
                openJpeg.SetDefaultDecoderParameters(parameters);
                if (!openJpeg.SetupDecoder(codec, parameters))
                {
                    throw Failure("opj_setup_decoder", errors);
                }

                stream = openJpeg.CreateMemoryStream(&source, StreamChunkSize);
                if (stream == IntPtr.Zero)
                {
                    throw new DicomCodecException("JPEG 2000: opj_stream_create failed");
                }

                if (!openJpeg.ReadHeader(stream, codec, &image) || image is null)
                {
                    throw Failure("reading the header", errors);
                }

                ValidateImage(image, description, decoded: false);
                if (!openJpeg.Decode(codec, stream, image) || !openJpeg.EndDecompress(codec, stream))
                {
                    throw Failure("decoding", errors);
                }

                ValidateImage(image, description, decoded: true);
                CopySamples(image, description, destination);
            }
            finally
            {
                if (image is not null)
                {
                    openJpeg.DestroyImage(image);
                }

                if (stream != IntPtr.Zero)
                {
                    openJpeg.DestroyStream(stream);
                }

                if (codec != IntPtr.Zero)
                {
                    openJpeg.DestroyCodec(codec);
                }
            }
        }
    }

    private static DicomCodecException Failure(string step, OpenJpegErrorBuffer errors) =>
        new($"JPEG 2000: OpenJPEG failed {step}: {errors.Message ?? "no message"}");

    private static unsafe void ValidateImage(OpenJpegImage* image, PixelDescription description, bool decoded)
    {
        long width = (long)image->X1 - image->X0;
        long height = (long)image->Y1 - image->Y0;
        if (width != description.Columns || height != description.Rows)
        {
            throw new DicomCodecException($"JPEG 2000: image is {width}x{height}, the dataset says {description.Columns}x{description.Rows}");
        }

        if (image->NumberOfComponents != description.SamplesPerPixel || image->Components is null)
        {
            throw new DicomCodecException($"JPEG 2000: image has {image->NumberOfComponents} components, the dataset says {description.SamplesPerPixel} samples per pixel");
        }

        int maxPrecision = Math.Min(description.BitsAllocated, 31);
        for (int c = 0; c < description.SamplesPerPixel; c++)
        {
            OpenJpegImageComponent* component = &image->Components[c];
            if (component->Dx != 1 || component->Dy != 1 || component->Width != (uint)description.Columns || component->Height != (uint)description.Rows)
            {
                throw new DicomCodecException($"JPEG 2000: component {c} is {component->Width}x{component->Height} subsampled {component->Dx}x{component->Dy}; only full-resolution components are supported");
            }

            if (component->Precision < 1 || component->Precision > maxPrecision)
            {
                throw new DicomCodecException($"JPEG 2000: component {c} has precision {component->Precision}, which BitsAllocated {description.BitsAllocated} cannot hold");
            }

            if (decoded && component->Data is null)
            {
                throw new DicomCodecException($"JPEG 2000: component {c} was not decoded");
            }
        }
    }

    /// <summary>
    /// Writes the decoded components interleaved. Signed components are already signed integers; unsigned ones that
    /// a signed description interprets as two's complement are sign-extended from their precision (which may differ
    /// from BitsStored in real files).
    /// </summary>
    private static unsafe void CopySamples(OpenJpegImage* image, PixelDescription description, Span<byte> destination)
    {
        int samples = description.SamplesPerPixel;
        int pixels = (int)description.PixelsPerFrame;
        if (description.BitsAllocated == 1)
        {
            destination.Clear();
            var bits = new ReadOnlySpan<int>(image->Components[0].Data, pixels);
            for (int i = 0; i < bits.Length; i++)
            {
                if ((bits[i] & 1) != 0)
                {
                    destination[i >> 3] |= (byte)(1 << (i & 7));
                }
            }

            return;
        }

        for (int c = 0; c < samples; c++)
        {
            OpenJpegImageComponent* component = &image->Components[c];
            var values = new ReadOnlySpan<int>(component->Data, pixels);
            int extendFrom = component->Signed != 0 ? 0 : PixelSamples.SignExtensionBits(description, (int)component->Precision);
            int shift = extendFrom == 0 ? 0 : 32 - extendFrom;
            switch (description.BitsAllocated)
            {
                case 8:
                    for (int i = 0, o = c; i < values.Length; i++, o += samples)
                    {
                        destination[o] = (byte)((values[i] << shift) >> shift);
                    }

                    break;
                case 16:
                {
                    Span<ushort> target = MemoryMarshal.Cast<byte, ushort>(destination);
                    for (int i = 0, o = c; i < values.Length; i++, o += samples)
                    {
                        target[o] = (ushort)((values[i] << shift) >> shift);
                    }

                    break;
                }

                case 32:
                {
                    Span<int> target = MemoryMarshal.Cast<byte, int>(destination);
                    for (int i = 0, o = c; i < values.Length; i++, o += samples)
                    {
                        target[o] = (values[i] << shift) >> shift;
                    }

                    break;
                }

                default:
                    throw new InvalidOperationException("BitsAllocated was checked before decoding");
            }
        }
    }
}
