using System.Buffers.Binary;

namespace NoduleScope.Dicom;

/// <summary>
/// The pixel data of one instance: its validated description and access to each frame, raw (native bytes or the
/// compressed fragments of that frame) or decoded through a <see cref="PixelCodecRegistry"/>.
/// </summary>
public sealed class DicomPixelData
{
    private readonly DicomItem item;
    private readonly List<ReadOnlyMemory<byte>>? frames;

    private DicomPixelData(PixelDescription description, DicomTransferSyntax syntax, DicomItem item, string? filePath, ReadOnlyMemory<byte>? extendedOffsets)
    {
        Description = description;
        TransferSyntax = syntax;
        this.item = item;
        FilePath = filePath;
        if (item is DicomFragmentSequence fragments)
        {
            frames = SplitFrames(fragments, description.NumberOfFrames, extendedOffsets, filePath);
        }
    }

    public PixelDescription Description { get; }

    public DicomTransferSyntax TransferSyntax { get; }

    public string? FilePath { get; }

    public int FrameCount => Description.NumberOfFrames;

    public bool IsEncapsulated => item is DicomFragmentSequence;

    /// <summary>Finds and validates the pixel data of <paramref name="dataset"/>.</summary>
    /// <exception cref="DicomFormatException">missing or inconsistent pixel data.</exception>
    public static DicomPixelData Create(DicomDataset dataset, DicomTransferSyntax syntax, string? filePath = null, DicomReadOptions? options = null)
    {
        var description = PixelDescription.FromDataset(dataset, options, filePath);
        var pixelItem = dataset.GetItem(DicomTags.PixelData)
            ?? throw new DicomFormatException("the dataset has no pixel data (7FE0,0010)", filePath);
        switch (pixelItem)
        {
            case DicomElement { IsLoaded: false }:
            case DicomFragmentSequence { IsLoaded: false }:
                throw new InvalidOperationException("pixel data was not loaded (header-only read)");
            case DicomElement native:
                if (native.Length < description.TotalLengthBytes)
                {
                    throw new DicomFormatException($"pixel data has {native.Length} bytes, {description.TotalLengthBytes} expected for {description.NumberOfFrames} frame(s) of {description.Rows}x{description.Columns}x{description.SamplesPerPixel} at {description.BitsAllocated} bits", filePath);
                }

                break;
            case DicomFragmentSequence fragments:
                ReadOnlyMemory<byte>? extendedOffsets = dataset.GetElement(DicomTags.ExtendedOffsetTable) is { IsLoaded: true } eot ? eot.Data : null;
                return new DicomPixelData(description, syntax, fragments, filePath, extendedOffsets);
            default:
                throw new DicomFormatException("pixel data is a sequence", filePath);
        }

        return new DicomPixelData(description, syntax, pixelItem, filePath, null);
    }

    /// <summary>
    /// The bytes of frame <paramref name="index"/> as stored: for native data the frame's slice (a copy for
    /// 1-bit frames that do not start on a byte boundary), for encapsulated data its fragments concatenated.
    /// </summary>
    public ReadOnlyMemory<byte> GetRawFrame(int index)
    {
        if ((uint)index >= (uint)FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"frame index must be below {FrameCount}");
        }

        if (frames is not null)
        {
            return frames[index];
        }

        var data = ((DicomElement)item).Data;
        if (Description.BitsAllocated == 1)
        {
            return ExtractBitFrame(data.Span, index);
        }

        long frameLength = Description.NativeFrameLengthBytes;
        return data.Slice((int)(frameLength * index), (int)frameLength);
    }

    private void RequireStoredBytesCanHoldFrame(int index, long storedBytes)
    {
        if (CompressedFrameLimits.Violation(TransferSyntax, storedBytes, Description.FrameLengthBytes, $"frame {index}") is { } violation)
        {
            throw new DicomFormatException(violation, FilePath, -1);
        }
    }

    /// <summary>Decodes frame <paramref name="index"/> into a new buffer of <see cref="PixelDescription.FrameLengthBytes"/>.</summary>
    public byte[] DecodeFrame(int index, PixelCodecRegistry codecs)
    {
        if (IsEncapsulated)
        {
            // Before allocating: a few stored bytes must not buy a frame of the declared (possibly huge) size.
            RequireStoredBytesCanHoldFrame(index, GetRawFrame(index).Length);
        }

        byte[] destination = new byte[Description.FrameLengthBytes];
        DecodeFrame(index, codecs, destination);
        return destination;
    }

    /// <summary>Decodes frame <paramref name="index"/> into <paramref name="destination"/> (native little-endian layout).</summary>
    public void DecodeFrame(int index, PixelCodecRegistry codecs, Span<byte> destination)
    {
        if (destination.Length != Description.FrameLengthBytes)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes, frame needs {Description.FrameLengthBytes}", nameof(destination));
        }

        var raw = GetRawFrame(index);
        if (!IsEncapsulated && Description.NativeFrameLengthBytes != Description.FrameLengthBytes)
        {
            ExpandYbr422(raw.Span, destination);
            return;
        }

        if (!IsEncapsulated || TransferSyntax == DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian)
        {
            if (raw.Length < destination.Length)
            {
                throw new DicomFormatException($"frame {index} has {raw.Length} bytes, {destination.Length} expected", FilePath);
            }

            var d = Description;
            if (d.PlanarConfiguration == 1 && d.SamplesPerPixel > 1 && d.BitsAllocated >= 8)
            {
                PixelSamples.Interleave(raw.Span[..destination.Length], destination, d.SamplesPerPixel, (int)d.PixelsPerFrame, d.BitsAllocated / 8);
            }
            else
            {
                raw.Span[..destination.Length].CopyTo(destination);
            }

            // Same layout as codec output: signed samples sign-extended to the full BitsAllocated.
            PixelSamples.SignExtend(destination, d.BitsAllocated, PixelSamples.SignExtensionBits(d, d.BitsStored));
            return;
        }

        if (!TransferSyntax.IsEncapsulated)
        {
            throw new DicomFormatException($"pixel data is encapsulated but the transfer syntax {TransferSyntax} is not", FilePath);
        }

        IPixelCodec codec;
        try
        {
            codec = codecs.Get(TransferSyntax);
        }
        catch (DicomNotSupportedException e) when (FilePath is not null)
        {
            throw new DicomNotSupportedException($"{FilePath}: {e.Message}");
        }

        RequireStoredBytesCanHoldFrame(index, raw.Length);
        try
        {
            codec.Decode(raw.Span, Description, destination);
        }
        catch (DicomCodecException e)
        {
            throw new DicomFormatException($"frame {index}: {e.Message}", FilePath, -1, e);
        }
    }

    /// <summary>Native YBR_FULL_422 stores Y1 Y2 Cb Cr per pixel pair; output is Y Cb Cr per pixel (8-bit).</summary>
    private void ExpandYbr422(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (Description.BitsAllocated != 8)
        {
            throw new DicomNotSupportedException("native YBR_FULL_422 with more than 8 bits per sample");
        }

        int pairs = (int)(Description.PixelsPerFrame / 2);
        for (int p = 0; p < pairs; p++)
        {
            byte y1 = source[(p * 4) + 0], y2 = source[(p * 4) + 1], cb = source[(p * 4) + 2], cr = source[(p * 4) + 3];
            int o = p * 6;
            destination[o] = y1;
            destination[o + 1] = cb;
            destination[o + 2] = cr;
            destination[o + 3] = y2;
            destination[o + 4] = cb;
            destination[o + 5] = cr;
        }
    }

    private byte[] ExtractBitFrame(ReadOnlySpan<byte> data, int index)
    {
        long bitsPerFrame = Description.PixelsPerFrame * Description.SamplesPerPixel;
        long firstBit = bitsPerFrame * index;
        byte[] frame = new byte[Description.FrameLengthBytes];
        for (long i = 0; i < bitsPerFrame; i++)
        {
            long bit = firstBit + i;
            if ((data[(int)(bit >> 3)] & (1 << (int)(bit & 7))) != 0)
            {
                frame[i >> 3] |= (byte)(1 << (int)(i & 7));
            }
        }

        return frame;
    }

    /// <summary>Groups fragments into frames: extended offset table, basic offset table, one fragment per frame,
    /// all fragments for one frame, or else by the start-of-image markers of JPEG/JPEG 2000 streams.</summary>
    private static List<ReadOnlyMemory<byte>> SplitFrames(DicomFragmentSequence sequence, int frameCount, ReadOnlyMemory<byte>? extendedOffsets, string? filePath)
    {
        var fragments = sequence.Fragments;
        if (fragments.Count == 0)
        {
            throw new DicomFormatException("encapsulated pixel data has no fragments", filePath);
        }

        if (frameCount == 1)
        {
            return [Concatenate(fragments, 0, fragments.Count)];
        }

        if (fragments.Count == frameCount)
        {
            return [.. fragments];
        }

        // Item offsets of each fragment, measured like the offset tables: from the first fragment's item tag.
        var starts = new long[fragments.Count];
        long position = 0;
        for (int i = 0; i < fragments.Count; i++)
        {
            starts[i] = position;
            position += 8 + fragments[i].Length;
        }

        long[]? frameOffsets = null;
        if (extendedOffsets is { Length: > 0 } eot && eot.Length / 8 == frameCount)
        {
            frameOffsets = new long[frameCount];
            for (int i = 0; i < frameCount; i++)
            {
                frameOffsets[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(eot.Span[(i * 8)..]);
            }
        }
        else if (sequence.BasicOffsetTable.Length >= 4 && sequence.BasicOffsetTable.Length / 4 == frameCount)
        {
            frameOffsets = new long[frameCount];
            for (int i = 0; i < frameCount; i++)
            {
                frameOffsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(sequence.BasicOffsetTable.Span[(i * 4)..]);
            }
        }

        if (frameOffsets is not null)
        {
            var result = new List<ReadOnlyMemory<byte>>(frameCount);
            for (int f = 0; f < frameCount; f++)
            {
                int first = Array.BinarySearch(starts, frameOffsets[f]);
                long nextOffset = f + 1 < frameCount ? frameOffsets[f + 1] : position;
                int last = nextOffset >= position ? fragments.Count : Array.BinarySearch(starts, nextOffset);
                if (first < 0 || last < 0 || last <= first)
                {
                    throw new DicomFormatException($"offset table entry for frame {f} does not point at a fragment", filePath);
                }

                result.Add(Concatenate(fragments, first, last));
            }

            return result;
        }

        var byMarker = new List<ReadOnlyMemory<byte>>(frameCount);
        int frameStart = 0;
        for (int i = 1; i <= fragments.Count; i++)
        {
            if (i == fragments.Count || StartsImage(fragments[i].Span))
            {
                byMarker.Add(Concatenate(fragments, frameStart, i));
                frameStart = i;
            }
        }

        if (byMarker.Count != frameCount)
        {
            throw new DicomFormatException($"cannot split {fragments.Count} fragments into {frameCount} frames (no usable offset table)", filePath);
        }

        return byMarker;
    }

    private static bool StartsImage(ReadOnlySpan<byte> fragment) =>
        fragment.Length >= 4 && fragment[0] == 0xFF && (fragment[1] == 0xD8 || (fragment[1] == 0x4F && fragment[2] == 0xFF && fragment[3] == 0x51));

    private static ReadOnlyMemory<byte> Concatenate(List<ReadOnlyMemory<byte>> fragments, int start, int end)
    {
        if (end - start == 1)
        {
            return fragments[start];
        }

        long total = 0;
        for (int i = start; i < end; i++)
        {
            total += fragments[i].Length;
        }

        byte[] joined = new byte[total];
        int offset = 0;
        for (int i = start; i < end; i++)
        {
            fragments[i].Span.CopyTo(joined.AsSpan(offset));
            offset += fragments[i].Length;
        }

        return joined;
    }
}
