using System.Buffers.Binary;

namespace NoduleScope.Dicom.Codecs;

/// <summary>What the markers before the first scan of a JPEG stream say: the coding process, the frame and the colour hints.</summary>
internal sealed class JpegStreamHeader
{
    public const byte StartOfImage = 0xD8;
    public const byte EndOfImage = 0xD9;
    public const byte StartOfScan = 0xDA;
    public const byte DefineHuffmanTables = 0xC4;
    public const byte DefineArithmeticConditioning = 0xCC;
    public const byte DefineRestartInterval = 0xDD;
    public const byte DefineNumberOfLines = 0xDC;
    public const byte LosslessHuffman = 0xC3;

    private JpegStreamHeader(byte frameMarker, int precision, int width, int height, byte[] componentIds, bool hasJfif, int adobeTransform)
    {
        FrameMarker = frameMarker;
        Precision = precision;
        Width = width;
        Height = height;
        ComponentIds = componentIds;
        HasJfif = hasJfif;
        AdobeTransform = adobeTransform;
    }

    /// <summary>The SOFn marker code (0xC0 baseline, 0xC1 extended, 0xC2 progressive, 0xC3 lossless, ...).</summary>
    public byte FrameMarker { get; }

    public int Precision { get; }

    public int Width { get; }

    /// <summary>Lines in the frame; 0 when a DNL marker defines it later.</summary>
    public int Height { get; }

    public byte[] ComponentIds { get; }

    public int ComponentCount => ComponentIds.Length;

    /// <summary>A JFIF APP0 segment is present (which implies YCbCr for three components).</summary>
    public bool HasJfif { get; }

    /// <summary>The transform flag of an Adobe APP14 segment, or -1 when there is none.</summary>
    public int AdobeTransform { get; }

    public bool IsLossless => FrameMarker is LosslessHuffman or 0xCB;

    /// <summary>Reads the markers up to the first SOS.</summary>
    /// <exception cref="DicomCodecException">the stream is not JPEG or its header is malformed.</exception>
    public static JpegStreamHeader Read(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != StartOfImage)
        {
            throw new DicomCodecException("JPEG: the frame does not start with an SOI marker");
        }

        int position = 2;
        bool hasJfif = false;
        int adobeTransform = -1;
        JpegStreamHeader? frame = null;
        while (true)
        {
            byte marker = NextMarker(jpeg, ref position);
            if (marker == StartOfScan || marker == EndOfImage)
            {
                break;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue;
            }

            var segment = SegmentPayload(jpeg, ref position, marker);
            if (IsStartOfFrame(marker))
            {
                if (frame is not null)
                {
                    throw new DicomCodecException("JPEG: more than one SOF marker (hierarchical streams are not supported)");
                }

                frame = ParseFrame(marker, segment, hasJfif, adobeTransform);
            }
            else if (marker == 0xE0 && segment.Length >= 5 && segment[..5].SequenceEqual("JFIF\0"u8))
            {
                hasJfif = true;
            }
            else if (marker == 0xEE && segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8))
            {
                adobeTransform = segment[11];
            }
        }

        if (frame is null)
        {
            throw new DicomCodecException("JPEG: no SOF marker before the first scan");
        }

        return new JpegStreamHeader(frame.FrameMarker, frame.Precision, frame.Width, frame.Height, frame.ComponentIds, hasJfif, adobeTransform);
    }

    /// <summary>The code of the marker at <paramref name="position"/>, skipping fill bytes; leaves the position after it.</summary>
    public static byte NextMarker(ReadOnlySpan<byte> jpeg, ref int position)
    {
        if (position >= jpeg.Length || jpeg[position] != 0xFF)
        {
            throw new DicomCodecException($"JPEG: expected a marker at byte {position}");
        }

        while (position < jpeg.Length && jpeg[position] == 0xFF)
        {
            position++;
        }

        if (position >= jpeg.Length)
        {
            throw new DicomCodecException("JPEG: the stream ends inside a marker");
        }

        return jpeg[position++];
    }

    /// <summary>The payload of the marker segment whose length field is at <paramref name="position"/>; leaves the position after it.</summary>
    public static ReadOnlySpan<byte> SegmentPayload(ReadOnlySpan<byte> jpeg, ref int position, byte marker)
    {
        if (position + 2 > jpeg.Length)
        {
            throw new DicomCodecException($"JPEG: marker FF{marker:X2} has no length");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[position..]);
        if (length < 2 || position + length > jpeg.Length)
        {
            throw new DicomCodecException($"JPEG: marker FF{marker:X2} segment length {length} does not fit in the stream");
        }

        var payload = jpeg.Slice(position + 2, length - 2);
        position += length;
        return payload;
    }

    public static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not DefineHuffmanTables and not 0xC8 and not DefineArithmeticConditioning;

    private static JpegStreamHeader ParseFrame(byte marker, ReadOnlySpan<byte> segment, bool hasJfif, int adobeTransform)
    {
        if (segment.Length < 6)
        {
            throw new DicomCodecException("JPEG: SOF segment is too short");
        }

        int precision = segment[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (count < 1 || segment.Length < 6 + (3 * count))
        {
            throw new DicomCodecException($"JPEG: SOF segment declares {count} components in {segment.Length} bytes");
        }

        byte[] ids = new byte[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = segment[6 + (3 * i)];
        }

        return new JpegStreamHeader(marker, precision, width, height, ids, hasJfif, adobeTransform);
    }
}
