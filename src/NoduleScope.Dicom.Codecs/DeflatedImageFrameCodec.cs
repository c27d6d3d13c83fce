using System.IO.Compression;

namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// Deflated Image Frame Compression (1.2.840.10008.1.2.8.1): each frame is a raw deflate (RFC 1951) stream of the
/// native frame. Inflation stops at the frame length, so a deflate bomb cannot produce more than one frame.
/// </summary>
public sealed class DeflatedImageFrameCodec : IPixelCodec
{
    public IReadOnlyList<string> TransferSyntaxUids { get; } = [DicomTransferSyntax.DeflatedImageFrameCompression.Uid];

    public string Name => "Deflated Image Frame";

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public unsafe void Decode(ReadOnlySpan<byte> frame, PixelDescription description, Span<byte> destination)
    {
        PixelSamples.RequireFrameLength(description, destination);
        if (frame.IsEmpty)
        {
            // `fixed` over an empty span gives a null pointer, which UnmanagedMemoryStream refuses.
            throw new DicomCodecException($"deflated frame is empty, {destination.Length} bytes expected");
        }

        int total = 0;
        try
        {
            fixed (byte* source = frame)
            {
                using var compressed = new UnmanagedMemoryStream(source, frame.Length);
                using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
                while (total < destination.Length)
                {
                    int read = inflater.Read(destination[total..]);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }
            }
        }
        // zlib reports some corrupt streams as System.IO.Compression.ZLibException, an internal IOException; the source is memory.
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new DicomCodecException($"deflated frame is corrupt: {e.Message}", e);
        }

        if (total < destination.Length)
        {
            throw new DicomCodecException($"deflated frame inflates to {total} bytes, {destination.Length} expected");
        }

        PixelSamples.SignExtend(destination, description.BitsAllocated, PixelSamples.SignExtensionBits(description, description.BitsStored));
    }
}
