using System.Buffers.Binary;

namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// RLE Lossless (PS3.5 Annex G): a 64-byte header of segment count and offsets, then one PackBits segment per byte
/// plane, most significant byte first. Hostile headers (no segments, offsets out of order or past the fragment) are
/// rejected; a segment that decodes short leaves zeros, one that decodes long is cut at the plane's end.
/// </summary>
public sealed class RleLosslessCodec : IPixelCodec
{
    private const int HeaderLength = 64;
    private const int MaxSegments = 15;

    public IReadOnlyList<string> TransferSyntaxUids { get; } = [DicomTransferSyntax.RleLossless.Uid];

    public string Name => "RLE Lossless";

    public bool IsAvailable => true;

    public string? UnavailableReason => null;

    public void Decode(ReadOnlySpan<byte> frame, PixelDescription description, Span<byte> destination)
    {
        PixelSamples.RequireFrameLength(description, destination);
        int samples = description.SamplesPerPixel;
        int bytesPerSample;
        long planeLength;
        if (description.BitsAllocated == 1)
        {
            if (samples != 1)
            {
                throw new DicomCodecException($"RLE: 1-bit pixels with {samples} samples per pixel are not valid");
            }

            bytesPerSample = 1;
            planeLength = description.FrameLengthBytes;
        }
        else
        {
            bytesPerSample = description.BitsAllocated / 8;
            planeLength = description.PixelsPerFrame;
        }

        int expectedSegments = samples * bytesPerSample;
        if (frame.Length < HeaderLength)
        {
            throw new DicomCodecException($"RLE: frame of {frame.Length} bytes is shorter than the 64-byte header");
        }

        uint segmentCount = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (segmentCount is 0 or > MaxSegments)
        {
            throw new DicomCodecException($"RLE: header declares {segmentCount} segments; 1 to {MaxSegments} are allowed");
        }

        if (segmentCount != expectedSegments)
        {
            throw new DicomCodecException($"RLE: header declares {segmentCount} segments but {samples} sample(s) of {description.BitsAllocated} bits need {expectedSegments}");
        }

        Span<int> offsets = stackalloc int[MaxSegments + 1];
        for (int i = 0; i < segmentCount; i++)
        {
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(frame[(4 + (4 * i))..]);
            uint minimum = i == 0 ? HeaderLength : (uint)offsets[i - 1] + 1;
            if (offset < minimum || offset >= (uint)frame.Length)
            {
                throw new DicomCodecException($"RLE: segment {i} offset {offset} is out of order or outside the {frame.Length}-byte fragment");
            }

            offsets[i] = (int)offset;
        }

        offsets[(int)segmentCount] = frame.Length;
        destination.Clear();
        int stride = expectedSegments;
        for (int segment = 0; segment < segmentCount; segment++)
        {
            int sample = segment / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
            int start = (sample * bytesPerSample) + byteInSample;
            var source = frame[offsets[segment]..offsets[segment + 1]];
            DecodeSegment(source, destination, start, stride, planeLength);
        }

        PixelSamples.SignExtend(destination, description.BitsAllocated, PixelSamples.SignExtensionBits(description, description.BitsStored));
    }

    /// <summary>Unpacks one PackBits segment into every <paramref name="stride"/>-th byte of <paramref name="destination"/>
    /// from <paramref name="start"/>, writing at most <paramref name="planeLength"/> bytes.</summary>
    private static void DecodeSegment(ReadOnlySpan<byte> source, Span<byte> destination, int start, int stride, long planeLength)
    {
        long written = 0;
        int position = start;
        int input = 0;
        while (input < source.Length && written < planeLength)
        {
            int header = (sbyte)source[input++];
            if (header >= 0)
            {
                int count = (int)Math.Min(Math.Min(header + 1, source.Length - input), planeLength - written);
                var literal = source.Slice(input, count);
                input += header + 1;
                if (stride == 1)
                {
                    literal.CopyTo(destination[position..]);
                    position += count;
                }
                else
                {
                    for (int i = 0; i < literal.Length; i++)
                    {
                        destination[position] = literal[i];
                        position += stride;
                    }
                }

                written += count;
            }
            else if (header != -128)
            {
                if (input >= source.Length)
                {
                    break;
                }

                byte value = source[input++];
                int count = (int)Math.Min(1 - header, planeLength - written);
                if (stride == 1)
                {
                    destination.Slice(position, count).Fill(value);
                    position += count;
                }
                else
                {
                    for (int i = 0; i < count; i++)
                    {
                        destination[position] = value;
                        position += stride;
                    }
                }

                written += count;
            }
        }
    }
}
