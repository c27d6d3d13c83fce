using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>
/// In-house decoder for Huffman-coded lossless JPEG (ITU T.81 process 14, Annex H): predictors 1-7, precision
/// 2-16 bits, 1-4 components (interleaved or in separate scans, no subsampling), restart intervals and point
/// transform. Written because JpegLibrary 0.4.32 needs 7-11 ms for a 512x512 16-bit CT frame (this needs under 2)
/// and, on the first row, applies predictors 2, 3, 6 and 7 where T.81 H.1.2.1 prescribes Ra, so it disagrees with
/// dcmtk on such streams.
/// </summary>
internal static class JpegLosslessDecoder
{
    private const int MaxComponents = 4;

    /// <summary>
    /// Decodes <paramref name="jpeg"/> into <paramref name="samples"/>: Width × Height × components values,
    /// interleaved by pixel, the point transform undone, each the sample's bit pattern (no sign extension).
    /// </summary>
    /// <exception cref="DicomCodecException">the stream is malformed or truncated.</exception>
    public static void Decode(ReadOnlySpan<byte> jpeg, JpegStreamHeader header, Span<ushort> samples)
    {
        if (!header.IsLossless || header.FrameMarker != JpegStreamHeader.LosslessHuffman)
        {
            throw new DicomCodecException($"JPEG: SOF marker FF{header.FrameMarker:X2} is not Huffman lossless (FFC3)");
        }

        if (header.Precision is < 2 or > 16 || header.Width <= 0 || header.Height <= 0 || header.ComponentCount > MaxComponents)
        {
            throw new DicomCodecException($"JPEG lossless: frame of {header.Width}x{header.Height}, {header.ComponentCount} components at {header.Precision} bits is not supported");
        }

        long needed = (long)header.Width * header.Height * header.ComponentCount;
        if (samples.Length != needed)
        {
            throw new ArgumentException($"sample buffer has {samples.Length} entries, the frame has {needed}", nameof(samples));
        }

        var tables = new JpegLosslessHuffmanTable?[4];
        int restartInterval = 0;
        int decodedComponents = 0;
        int position = 2;
        while (position < jpeg.Length)
        {
            byte marker = JpegStreamHeader.NextMarker(jpeg, ref position);
            if (marker == JpegStreamHeader.EndOfImage)
            {
                break;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue;
            }

            var segment = JpegStreamHeader.SegmentPayload(jpeg, ref position, marker);
            switch (marker)
            {
                case JpegStreamHeader.LosslessHuffman:
                    RequireFullResolution(segment, header.ComponentCount);
                    break;
                case JpegStreamHeader.DefineHuffmanTables:
                    JpegLosslessHuffmanTable.ParseSegment(segment, tables);
                    break;
                case JpegStreamHeader.DefineRestartInterval:
                    if (segment.Length < 2)
                    {
                        throw new DicomCodecException("JPEG lossless: DRI segment is too short");
                    }

                    restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case JpegStreamHeader.StartOfScan:
                    int scanComponents = DecodeScan(jpeg, ref position, segment, header, tables, restartInterval, samples, decodedComponents);
                    decodedComponents |= scanComponents;
                    break;
                default:
                    if (JpegStreamHeader.IsStartOfFrame(marker))
                    {
                        throw new DicomCodecException($"JPEG lossless: unexpected second frame marker FF{marker:X2}");
                    }

                    break;
            }
        }

        if (decodedComponents != (1 << header.ComponentCount) - 1)
        {
            throw new DicomCodecException("JPEG lossless: the stream ends before every component was decoded");
        }
    }

    private static void RequireFullResolution(ReadOnlySpan<byte> frameSegment, int componentCount)
    {
        if (componentCount == 1)
        {
            return;
        }

        if (frameSegment.Length < 6 + (3 * componentCount))
        {
            throw new DicomCodecException("JPEG lossless: SOF segment is too short");
        }

        for (int i = 0; i < componentCount; i++)
        {
            if (frameSegment[6 + (3 * i) + 1] != 0x11)
            {
                throw new DicomCodecException("JPEG lossless: subsampled components are not supported");
            }
        }
    }

    /// <summary>Decodes one scan and leaves <paramref name="position"/> at the marker after it; returns the bit mask of its components.</summary>
    /// <param name="decodedComponents">Components earlier scans decoded; a scan may not repeat one, which also bounds
    /// the work a hostile stream of many scans can cause.</param>
    private static int DecodeScan(ReadOnlySpan<byte> jpeg, ref int position, ReadOnlySpan<byte> scanHeader, JpegStreamHeader frame, JpegLosslessHuffmanTable?[] tables, int restartInterval, Span<ushort> samples, int decodedComponents)
    {
        int count = scanHeader.Length > 0 ? scanHeader[0] : 0;
        if (count < 1 || count > frame.ComponentCount || scanHeader.Length < 1 + (2 * count) + 3)
        {
            throw new DicomCodecException($"JPEG lossless: SOS segment declares {count} components in {scanHeader.Length} bytes");
        }

        Span<int> offsets = stackalloc int[MaxComponents];
        var scanTables = new JpegLosslessHuffmanTable[count];
        int mask = 0;
        for (int k = 0; k < count; k++)
        {
            byte id = scanHeader[1 + (2 * k)];
            int index = Array.IndexOf(frame.ComponentIds, id);
            if (index < 0 || ((mask | decodedComponents) & (1 << index)) != 0)
            {
                throw new DicomCodecException($"JPEG lossless: scan refers to unknown or already decoded component {id}");
            }

            mask |= 1 << index;
            offsets[k] = index;
            int tableId = scanHeader[2 + (2 * k)] >> 4;
            scanTables[k] = (tableId < 4 ? tables[tableId] : null)
                ?? throw new DicomCodecException($"JPEG lossless: scan uses Huffman table {tableId}, which is not defined");
        }

        int predictor = scanHeader[1 + (2 * count)];
        int pointTransform = scanHeader[3 + (2 * count)] & 0x0F;
        if (predictor is < 1 or > 7)
        {
            throw new DicomCodecException($"JPEG lossless: predictor {predictor} is not 1-7");
        }

        if (pointTransform >= frame.Precision)
        {
            throw new DicomCodecException($"JPEG lossless: point transform {pointTransform} is not below the precision {frame.Precision}");
        }

        var geometry = new JpegLosslessScanGeometry(frame.Width, frame.ComponentCount, predictor, 1 << (frame.Precision - pointTransform - 1));
        var reader = new JpegEntropyReader(jpeg, position);
        int mcusLeft = restartInterval;
        bool startOfInterval = true;
        for (int y = 0; y < frame.Height; y++)
        {
            bool firstLine = y == 0;
            int x = 0;
            while (x < frame.Width)
            {
                if (restartInterval > 0 && mcusLeft == 0)
                {
                    ProcessRestart(ref reader);
                    mcusLeft = restartInterval;
                    firstLine = true;
                    startOfInterval = true;
                }

                int end = restartInterval > 0 ? Math.Min(frame.Width, x + mcusLeft) : frame.Width;
                int rowBase = y * geometry.RowStride;
                if (count == 1)
                {
                    DecodeRun(ref reader, scanTables[0], samples, geometry, rowBase + offsets[0], x, end, firstLine, startOfInterval);
                }
                else
                {
                    DecodeInterleavedRun(ref reader, scanTables, offsets[..count], samples, geometry, rowBase, x, end, firstLine, startOfInterval);
                }

                if (restartInterval > 0)
                {
                    mcusLeft -= end - x;
                }

                startOfInterval = false;
                x = end;
            }
        }

        if (reader.ReadPastEnd)
        {
            throw new DicomCodecException("JPEG lossless: the entropy-coded data ends before the last sample");
        }

        reader.SkipToMarker();
        position = reader.Position;
        if (pointTransform > 0)
        {
            UndoPointTransform(samples, frame.ComponentCount, offsets[..count], pointTransform);
        }

        return mask;
    }

    /// <summary>Decodes samples <paramref name="x"/>..<paramref name="end"/> of one row of a single-component scan.</summary>
    private static void DecodeRun(ref JpegEntropyReader reader, JpegLosslessHuffmanTable table, Span<ushort> samples, JpegLosslessScanGeometry geometry, int rowBase, int x, int end, bool firstLine, bool startOfInterval)
    {
        int stride = geometry.Stride;
        int up = geometry.RowStride;
        int i = rowBase + (x * stride);
        int last = rowBase + (end * stride);
        if (i >= last)
        {
            return;
        }

        if (firstLine)
        {
            if (startOfInterval)
            {
                samples[i] = (ushort)(geometry.InitialPrediction + DecodeDifference(ref reader, table));
                i += stride;
            }

            for (; i < last; i += stride)
            {
                samples[i] = (ushort)(samples[i - stride] + DecodeDifference(ref reader, table));
            }

            return;
        }

        if (x == 0)
        {
            samples[i] = (ushort)(samples[i - up] + DecodeDifference(ref reader, table));
            i += stride;
        }

        switch (geometry.Predictor)
        {
            case 1:
                for (; i < last; i += stride)
                {
                    samples[i] = (ushort)(samples[i - stride] + DecodeDifference(ref reader, table));
                }

                break;
            case 2:
                for (; i < last; i += stride)
                {
                    samples[i] = (ushort)(samples[i - up] + DecodeDifference(ref reader, table));
                }

                break;
            case 3:
                for (; i < last; i += stride)
                {
                    samples[i] = (ushort)(samples[i - up - stride] + DecodeDifference(ref reader, table));
                }

                break;
            default:
                for (; i < last; i += stride)
                {
                    int prediction = Predict(geometry.Predictor, samples[i - stride], samples[i - up], samples[i - up - stride]);
                    samples[i] = (ushort)(prediction + DecodeDifference(ref reader, table));
                }

                break;
        }
    }

    /// <summary>Decodes MCUs <paramref name="x"/>..<paramref name="end"/> of one row of an interleaved scan (one sample per component per MCU).</summary>
    private static void DecodeInterleavedRun(ref JpegEntropyReader reader, JpegLosslessHuffmanTable[] tables, scoped ReadOnlySpan<int> offsets, Span<ushort> samples, JpegLosslessScanGeometry geometry, int rowBase, int x, int end, bool firstLine, bool startOfInterval)
    {
        int stride = geometry.Stride;
        int up = geometry.RowStride;
        for (int column = x; column < end; column++)
        {
            for (int k = 0; k < offsets.Length; k++)
            {
                int i = rowBase + (column * stride) + offsets[k];
                int prediction;
                if (firstLine)
                {
                    prediction = startOfInterval && column == x ? geometry.InitialPrediction : samples[i - stride];
                }
                else if (column == 0)
                {
                    prediction = samples[i - up];
                }
                else
                {
                    prediction = Predict(geometry.Predictor, samples[i - stride], samples[i - up], samples[i - up - stride]);
                }

                samples[i] = (ushort)(prediction + DecodeDifference(ref reader, tables[k]));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Predict(int predictor, int ra, int rb, int rc) => predictor switch
    {
        1 => ra,
        2 => rb,
        3 => rc,
        4 => ra + rb - rc,
        5 => ra + ((rb - rc) >> 1),
        6 => rb + ((ra - rc) >> 1),
        _ => (ra + rb) >> 1,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeDifference(ref JpegEntropyReader reader, JpegLosslessHuffmanTable table)
    {
        reader.EnsureBits();
        int entry = table.Lookup(reader.Peek(JpegLosslessHuffmanTable.LookupBits));
        int length = entry & (JpegLosslessHuffmanTable.LengthMask | JpegLosslessHuffmanTable.NeedsExtraBits);
        if ((uint)(length - 1) < JpegLosslessHuffmanTable.LengthMask)
        {
            reader.Skip(length);
            return entry >> 8;
        }

        return DecodeDifferenceSlow(ref reader, table, entry);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int DecodeDifferenceSlow(ref JpegEntropyReader reader, JpegLosslessHuffmanTable table, int entry)
    {
        int category;
        if ((entry & JpegLosslessHuffmanTable.NeedsExtraBits) != 0)
        {
            reader.Skip(entry & JpegLosslessHuffmanTable.LengthMask);
            category = entry >> 8;
        }
        else
        {
            int length = table.DecodeLongCode(reader.Peek(16), out category);
            if (length == 0)
            {
                ThrowCorrupt();
            }

            reader.Skip(length);
        }

        return category switch
        {
            0 => 0,
            16 => 32768,
            _ => JpegLosslessHuffmanTable.Extend(reader.Read(category), category),
        };
    }

    private static void ProcessRestart(ref JpegEntropyReader reader)
    {
        if (reader.ReadPastEnd)
        {
            throw new DicomCodecException("JPEG lossless: a restart interval's data ends before its last sample");
        }

        byte marker = reader.SkipToMarker();
        if (marker is < 0xD0 or > 0xD7)
        {
            throw new DicomCodecException(marker == 0 ? "JPEG lossless: the data ends where a restart marker was expected" : $"JPEG lossless: found marker FF{marker:X2} where a restart marker was expected");
        }

        reader.ConsumeMarker();
    }

    private static void UndoPointTransform(Span<ushort> samples, int stride, ReadOnlySpan<int> offsets, int pointTransform)
    {
        for (int k = 0; k < offsets.Length; k++)
        {
            for (int i = offsets[k]; i < samples.Length; i += stride)
            {
                samples[i] = (ushort)(samples[i] << pointTransform);
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowCorrupt() => throw new DicomCodecException("JPEG lossless: invalid Huffman code in the entropy-coded data");
}
