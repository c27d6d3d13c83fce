using System.Buffers;

namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// JPEG-LS lossless and near-lossless (1.2.840.10008.1.2.4.80/.81) through libcharls. The stream's header is
/// checked against the pixel description before CharLS is asked to decode, so the C decoder never writes into a
/// buffer whose size it computed from different dimensions.
/// </summary>
public sealed class JpegLsCodec : IPixelCodec
{
    private const int InterleaveNone = 0;

    private readonly Lazy<NativeLibraryLoad<CharLsLibrary>> library;

    public JpegLsCodec()
        : this(CharLsLibrary.DefaultLibraryName)
    {
    }

    internal JpegLsCodec(string libraryName)
    {
        library = new Lazy<NativeLibraryLoad<CharLsLibrary>>(() => CharLsLibrary.Load(libraryName), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<string> TransferSyntaxUids { get; } = [DicomTransferSyntax.JpegLSLossless.Uid, DicomTransferSyntax.JpegLSNearLossless.Uid];

    public string Name => "JPEG-LS (libcharls)";

    public bool IsAvailable => library.Value.Library is not null;

    public string? UnavailableReason => library.Value.UnavailableReason;

    public unsafe void Decode(ReadOnlySpan<byte> frame, PixelDescription description, Span<byte> destination)
    {
        PixelSamples.RequireFrameLength(description, destination);
        var charls = library.Value.Library
            ?? throw new DicomNotSupportedException($"codec {Name} is unavailable: {library.Value.UnavailableReason}");
        if (description.BitsAllocated is not (8 or 16))
        {
            throw new DicomCodecException($"JPEG-LS: BitsAllocated {description.BitsAllocated} cannot hold JPEG-LS samples");
        }

        // CharLS 2.4.1 needs 10-25 s to give up on a 512x512 stream that stops short without its EOI marker, so a
        // truncated frame is rejected here. Encoders pad odd-length streams with 00 or FF after the EOI.
        frame = frame.TrimEnd([(byte)0x00, (byte)0xFF]);
        if (frame.Length < 4 || frame[^2] != 0xFF || frame[^1] != 0xD9)
        {
            throw new DicomCodecException("JPEG-LS: the frame does not end with an EOI marker (truncated stream)");
        }

        IntPtr decoder = charls.CreateDecoder();
        if (decoder == IntPtr.Zero)
        {
            throw new OutOfMemoryException("charls_jpegls_decoder_create failed");
        }

        try
        {
            fixed (byte* source = frame)
            {
                Check(charls, charls.SetSourceBuffer(decoder, source, (nuint)frame.Length), "set_source_buffer");
                Check(charls, charls.ReadHeader(decoder), "read_header");
                CharLsFrameInfo info;
                Check(charls, charls.GetFrameInfo(decoder, &info), "get_frame_info");
                int streamBytesPerSample = ValidateFrameInfo(info, description);
                int interleave;
                Check(charls, charls.GetInterleaveMode(decoder, &interleave), "get_interleave_mode");

                nuint size;
                Check(charls, charls.GetDestinationSize(decoder, 0, &size), "get_destination_size");
                long expected = description.PixelsPerFrame * description.SamplesPerPixel * streamBytesPerSample;
                if (size != (nuint)expected)
                {
                    throw new DicomCodecException($"JPEG-LS: decoder wants {size} bytes, {expected} expected for the frame");
                }

                bool planar = interleave == InterleaveNone && description.SamplesPerPixel > 1;
                if (!planar && streamBytesPerSample == description.BitsAllocated / 8)
                {
                    fixed (byte* target = destination)
                    {
                        Check(charls, charls.DecodeToBuffer(decoder, target, size, 0), "decode_to_buffer");
                    }
                }
                else
                {
                    byte[] scratch = ArrayPool<byte>.Shared.Rent((int)expected);
                    try
                    {
                        fixed (byte* target = scratch)
                        {
                            Check(charls, charls.DecodeToBuffer(decoder, target, size, 0), "decode_to_buffer");
                        }

                        Rearrange(scratch.AsSpan(0, (int)expected), streamBytesPerSample, planar, description, destination);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(scratch);
                    }
                }

                PixelSamples.SignExtend(destination, description.BitsAllocated, PixelSamples.SignExtensionBits(description, info.BitsPerSample));
            }
        }
        finally
        {
            charls.DestroyDecoder(decoder);
        }
    }

    private static int ValidateFrameInfo(CharLsFrameInfo info, PixelDescription description)
    {
        if (info.Width != (uint)description.Columns || info.Height != (uint)description.Rows)
        {
            throw new DicomCodecException($"JPEG-LS: stream is {info.Width}x{info.Height}, the dataset says {description.Columns}x{description.Rows}");
        }

        if (info.ComponentCount != description.SamplesPerPixel)
        {
            throw new DicomCodecException($"JPEG-LS: stream has {info.ComponentCount} components, the dataset says {description.SamplesPerPixel} samples per pixel");
        }

        if (info.BitsPerSample < 2 || info.BitsPerSample > 16 || info.BitsPerSample > description.BitsAllocated)
        {
            throw new DicomCodecException($"JPEG-LS: stream has {info.BitsPerSample} bits per sample, which BitsAllocated {description.BitsAllocated} cannot hold");
        }

        return info.BitsPerSample > 8 ? 2 : 1;
    }

    /// <summary>Interleaves planar output and widens 8-bit stream samples into 16-bit ones where needed.</summary>
    private static void Rearrange(ReadOnlySpan<byte> decoded, int sourceBytes, bool planar, PixelDescription description, Span<byte> destination)
    {
        int samples = description.SamplesPerPixel;
        int pixels = (int)description.PixelsPerFrame;
        int targetBytes = description.BitsAllocated / 8;
        for (int component = 0; component < samples; component++)
        {
            for (int pixel = 0; pixel < pixels; pixel++)
            {
                int sourceIndex = planar ? (component * pixels) + pixel : (pixel * samples) + component;
                int value = sourceBytes == 2
                    ? decoded[sourceIndex * 2] | (decoded[(sourceIndex * 2) + 1] << 8)
                    : decoded[sourceIndex];
                int targetIndex = ((pixel * samples) + component) * targetBytes;
                destination[targetIndex] = (byte)value;
                if (targetBytes == 2)
                {
                    destination[targetIndex + 1] = (byte)(value >> 8);
                }
            }
        }
    }

    private static void Check(CharLsLibrary charls, int error, string step)
    {
        if (error != 0)
        {
            throw new DicomCodecException($"JPEG-LS: CharLS {step} failed with error {error}: {charls.ErrorMessage(error)}");
        }
    }
}
