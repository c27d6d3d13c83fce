using System.Buffers.Binary;
using System.IO.Compression;

namespace NoduleScope.Dicom;

/// <summary>
/// Parses Part 10 files and bare datasets: implicit/explicit VR little endian, explicit big endian, deflated; defined
/// and undefined lengths; encapsulated pixel data. Every declared length is checked against the bytes left and the
/// limits before anything is allocated (hardening rules 1, 2 and 6). One instance reads one stream.
/// </summary>
internal sealed class DicomFileReader
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    private readonly DicomReadOptions options;
    private readonly string? path;
    private readonly List<string> warnings = [];
    private Stream stream = Stream.Null;
    private long length;
    private long totalValueBytes;
    private int elementCount;
    private bool stopped;
    private DicomCharacterSet currentCharacterSet = DicomCharacterSet.Default;
    private string? strayTransferSyntaxUid;
    private byte[]? sharedBuffer;

    public DicomFileReader(DicomReadOptions options, string? path)
    {
        this.options = options;
        this.path = path;
    }

    public DicomFile Read(Stream input)
    {
        try
        {
            return ReadCore(input);
        }
        catch (DicomFormatException e)
        {
            throw path is null ? e : e.WithFile(path);
        }
        catch (EndOfStreamException e)
        {
            throw new DicomFormatException("unexpected end of data", path, SafePosition(), e);
        }
        catch (InvalidDataException e)
        {
            throw new DicomFormatException("corrupt compressed data: " + e.Message, path, SafePosition(), e);
        }
    }

    private DicomFile ReadCore(Stream input)
    {
        stream = input.CanSeek ? input : CopyToMemory(input);
        if (options.ShareSourceBuffer && input is MemoryStream memory && memory.TryGetBuffer(out var segment) && segment.Offset == 0)
        {
            sharedBuffer = segment.Array;
        }

        length = stream.Length;
        long start = stream.Position;

        bool hadPreamble = false;
        Span<byte> head = stackalloc byte[132];
        int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (got >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M')
        {
            hadPreamble = true;
        }
        else if (got >= 4 && head[0] == 'D' && head[1] == 'I' && head[2] == 'C' && head[3] == 'M')
        {
            stream.Position = start + 4;
            warnings.Add("no preamble before 'DICM'");
        }
        else
        {
            stream.Position = start;
        }

        if (length - stream.Position < 8)
        {
            throw new DicomFormatException("file is too short to hold a DICOM dataset", path, stream.Position);
        }

        if (!hadPreamble && !LooksLikeDataset())
        {
            throw new DicomFormatException("not a DICOM file: no 'DICM' marker and the data does not start with a DICOM element", path, stream.Position);
        }

        var meta = new DicomDataset();
        if (PeekGroup(bigEndian: false) == 0x0002)
        {
            ReadFileMeta(meta);
        }

        DicomTransferSyntax syntax;
        string? tsUid = meta.GetString(DicomTags.TransferSyntaxUID);
        if (!string.IsNullOrWhiteSpace(tsUid))
        {
            syntax = DicomTransferSyntax.Lookup(tsUid);
            if (!syntax.IsKnown)
            {
                warnings.Add($"unknown transfer syntax {syntax.Uid}: dataset read as explicit VR little endian");
            }
        }
        else
        {
            syntax = DetectBareSyntax();
            if (meta.Count > 0 || hadPreamble)
            {
                warnings.Add($"no transfer syntax in the file meta information; detected {syntax.Name}");
            }
        }

        var encoding = DicomEncoding.From(syntax);
        if (syntax.IsDeflated)
        {
            stream = Inflate();
            sharedBuffer = null;
            length = stream.Length;
            encoding = DicomEncoding.ExplicitLittle;
        }
        else
        {
            encoding = CheckDeclaredEncoding(encoding, ref syntax);
        }

        var dataset = new DicomDataset();
        ReadItems(dataset, length, encoding, depth: 0, inItem: false);
        if (dataset.GetItem(DicomTags.PixelData) is DicomFragmentSequence && !syntax.IsEncapsulated && strayTransferSyntaxUid is not null
            && DicomTransferSyntax.Lookup(strayTransferSyntaxUid) is { IsEncapsulated: true } embedded)
        {
            // The pixel data is compressed while the file meta says native; a second file meta group inside the
            // dataset names the real syntax (seen from some PACS exports).
            warnings.Add($"encapsulated pixel data under {syntax.Name}; using the transfer syntax {embedded.Name} found inside the dataset");
            syntax = embedded;
        }
        return new DicomFile(meta, dataset, syntax, path) { HadPreamble = hadPreamble, Warnings = warnings };
    }

    private void ReadFileMeta(DicomDataset meta)
    {
        // The file meta group is always explicit VR little endian; some writers use implicit VR anyway.
        bool explicitMeta = LooksExplicit(stream.Position);
        if (!explicitMeta)
        {
            warnings.Add("file meta information is implicit VR (should be explicit VR little endian)");
        }

        var encoding = new DicomEncoding(explicitMeta, false);
        while (!stopped && length - stream.Position >= 8 && PeekGroup(bigEndian: false) == 0x0002)
        {
            var item = ReadItem(encoding, depth: 0, out _);
            if (item is not null)
            {
                meta.Add(item);
            }
        }
    }

    /// <summary>Some files declare one VR encoding and use the other; follow the bytes (as dcmtk and pydicom do).</summary>
    private DicomEncoding CheckDeclaredEncoding(DicomEncoding declared, ref DicomTransferSyntax syntax)
    {
        if (length - stream.Position < 8 || declared.BigEndian)
        {
            return declared;
        }

        bool isExplicit = LooksExplicit(stream.Position);
        if (isExplicit == declared.ExplicitVR)
        {
            return declared;
        }

        warnings.Add($"dataset is {(isExplicit ? "explicit" : "implicit")} VR although the transfer syntax says {syntax.Name}");
        return declared with { ExplicitVR = isExplicit };
    }

    private bool LooksLikeDataset()
    {
        long pos = stream.Position;
        Span<byte> b = stackalloc byte[8];
        stream.ReadExactly(b);
        stream.Position = pos;
        return StartsLikeDataset(b, length - pos);
    }

    /// <summary>A bare dataset (ACR-NEMA or no preamble) starts with an even-group element whose VR or length is plausible.</summary>
    internal static bool StartsLikeDataset(ReadOnlySpan<byte> b, long available)
    {
        if (b.Length < 8)
        {
            return false;
        }

        ushort groupLe = BinaryPrimitives.ReadUInt16LittleEndian(b);
        ushort groupBe = BinaryPrimitives.ReadUInt16BigEndian(b);
        if (DicomVRExtensions.FromBytes(b[4], b[5]).IsKnown())
        {
            return (groupLe <= 0x7FE0 && (groupLe & 1) == 0) || (groupBe <= 0x7FE0 && (groupBe & 1) == 0);
        }

        uint implicitLength = BinaryPrimitives.ReadUInt32LittleEndian(b[4..]);
        return groupLe <= 0x7FE0 && (groupLe & 1) == 0 && (implicitLength == 0xFFFFFFFF || implicitLength <= available - 8);
    }

    private DicomTransferSyntax DetectBareSyntax()
    {
        long pos = stream.Position;
        Span<byte> b = stackalloc byte[6];
        stream.ReadExactly(b);
        stream.Position = pos;
        ushort groupLe = BinaryPrimitives.ReadUInt16LittleEndian(b);
        ushort groupBe = BinaryPrimitives.ReadUInt16BigEndian(b);
        bool vrValid = DicomVRExtensions.FromBytes(b[4], b[5]).IsKnown();
        if (groupBe is > 0 and <= 0x0010 && groupLe > 0x00FF && vrValid)
        {
            return DicomTransferSyntax.ExplicitVRBigEndian;
        }

        return vrValid ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
    }

    private bool LooksExplicit(long pos)
    {
        if (length - pos < 6)
        {
            return false;
        }

        Span<byte> b = stackalloc byte[6];
        stream.Position = pos;
        stream.ReadExactly(b);
        stream.Position = pos;
        return DicomVRExtensions.FromBytes(b[4], b[5]).IsKnown();
    }

    private ushort PeekGroup(bool bigEndian)
    {
        long pos = stream.Position;
        Span<byte> b = stackalloc byte[2];
        stream.ReadExactly(b);
        stream.Position = pos;
        return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
    }

    /// <summary>Reads elements into <paramref name="dataset"/> until <paramref name="end"/> or an item delimiter.</summary>
    private void ReadItems(DicomDataset dataset, long end, DicomEncoding encoding, int depth, bool inItem)
    {
        while (!stopped && stream.Position < end)
        {
            long remaining = end - stream.Position;
            if (remaining < 8)
            {
                if (depth == 0)
                {
                    warnings.Add($"{remaining} trailing byte(s) after the last element ignored");
                    stream.Position = end;
                    return;
                }

                throw new DicomFormatException($"item ends with {remaining} stray byte(s)", path, stream.Position);
            }

            currentCharacterSet = dataset.CharacterSet;
            var item = ReadItem(encoding, depth, out bool itemEnd);
            if (itemEnd)
            {
                if (inItem)
                {
                    return;
                }

                continue;
            }

            if (item is not null)
            {
                if (item.Tag.Group == 0x0002 && depth == 0)
                {
                    warnings.Add($"file meta element {item.Tag} found in the dataset; ignored");
                    if (item.Tag == DicomTags.TransferSyntaxUID && item is DicomElement ts)
                    {
                        strayTransferSyntaxUid = System.Text.Encoding.ASCII.GetString(ts.Data.Span).TrimEnd('\0', ' ');
                    }

                    continue;
                }

                if (item.Tag == DicomTags.PixelData && encoding.BigEndian && item is DicomElement { IsLoaded: true } pixels)
                {
                    // OW pixel data is swapped as 16-bit words, except 32/64-bit samples, which swap whole (as pydicom and dcmtk read them).
                    int bits = dataset.TryGetInt32(DicomTags.BitsAllocated, out int ba) ? ba : 16;
                    int size = pixels.VR == DicomVR.OB ? 1 : bits > 16 ? bits / 8 : 2;
                    SwapToLittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(pixels.Data).Span, size);
                }

                dataset.Add(item);
            }
        }

        if (inItem && end == length && !stopped)
        {
            throw new DicomFormatException("sequence item has no item delimiter before the end of the data", path, stream.Position);
        }
    }

    /// <summary>Reads one element. Returns null for elements that are dropped (stray delimiters, group lengths).</summary>
    private DicomItem? ReadItem(DicomEncoding encoding, int depth, out bool itemDelimiter)
    {
        itemDelimiter = false;
        long elementStart = stream.Position;
        Span<byte> b = stackalloc byte[8];
        stream.ReadExactly(b);
        ushort group = encoding.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);
        ushort element = encoding.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);
        var tag = new DicomTag(group, element);

        if (++elementCount > options.MaxElementCount)
        {
            throw new DicomLimitExceededException($"more than {options.MaxElementCount} elements", path, elementStart);
        }

        if (group == 0xFFFE)
        {
            // Delimiters and items have no VR, even in explicit VR streams.
            if (tag == DicomTag.ItemDelimitation)
            {
                itemDelimiter = true;
                return null;
            }

            if (tag == DicomTag.SequenceDelimitation)
            {
                warnings.Add($"stray sequence delimiter at byte {elementStart} ignored");
                return null;
            }

            throw new DicomFormatException($"unexpected item tag {tag} outside a sequence", path, elementStart);
        }

        DicomVR vr;
        uint valueLength;
        var dictionaryVr = DicomDictionary.ImplicitVR(tag);
        if (encoding.ExplicitVR)
        {
            vr = DicomVRExtensions.FromBytes(b[4], b[5]);
            if (!vr.IsKnown() && b[4] is >= 0x20 and < 0x7F && b[5] is >= 0x20 and < 0x7F)
            {
                // A non-standard VR such as "  ": like dcmtk, assume a 16-bit length and keep the bytes as UN.
                warnings.Add($"element {tag} at byte {elementStart} has the non-standard VR '{(char)b[4]}{(char)b[5]}'; read as UN");
                vr = DicomVR.UN;
                valueLength = encoding.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(b[6..]);
            }
            else if (!vr.IsKnown())
            {
                // An implicit element inside an explicit stream: the four bytes are its length.
                vr = dictionaryVr;
                valueLength = ReadUInt32(b[4..], encoding.BigEndian);
                if (vr == DicomVR.None)
                {
                    vr = DicomVR.UN;
                }

                warnings.Add($"element {tag} at byte {elementStart} has no valid VR; read as implicit {vr.Code()}");
            }
            else if (vr.HasLongLength())
            {
                Span<byte> l = stackalloc byte[4];
                stream.ReadExactly(l);
                valueLength = ReadUInt32(l, encoding.BigEndian);
            }
            else
            {
                valueLength = encoding.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b[6..]) : BinaryPrimitives.ReadUInt16LittleEndian(b[6..]);
            }
        }
        else
        {
            vr = dictionaryVr == DicomVR.None ? DicomVR.UN : dictionaryVr;
            valueLength = ReadUInt32(b[4..], encoding.BigEndian);
            if (tag == DicomTags.PixelData)
            {
                vr = DicomVR.OW;
            }
        }

        if (tag == DicomTags.PixelData)
        {
            if (options.StopAtPixelData)
            {
                stopped = true;
                return DicomElement.NotLoaded(tag, vr, stream.Position, valueLength == UndefinedLength ? -1 : valueLength);
            }

            if (valueLength == UndefinedLength)
            {
                return ReadFragments(tag, vr, encoding);
            }
        }

        if (vr == DicomVR.SQ || valueLength == UndefinedLength)
        {
            // Undefined-length UN (CP-246) and unknown VRs with undefined length hold implicit VR LE sequences.
            var sequenceEncoding = vr == DicomVR.SQ ? encoding : DicomEncoding.ImplicitLittle;
            return ReadSequence(tag, valueLength, sequenceEncoding, depth);
        }

        if (vr == DicomVR.UN && dictionaryVr == DicomVR.SQ && valueLength > 0)
        {
            // A sequence sent as UN with a defined length (converted from implicit VR): parse it, keep the bytes if that fails.
            long valueStart = stream.Position;
            CheckLength(valueLength, valueStart, tag);
            try
            {
                return ReadSequence(tag, valueLength, DicomEncoding.ImplicitLittle, depth);
            }
            catch (DicomFormatException) when (!IsLimitBreach())
            {
                stream.Position = valueStart;
            }
        }

        return ReadValue(tag, vr, valueLength, encoding);
    }

    private bool IsLimitBreach() => elementCount > options.MaxElementCount;

    private DicomElement ReadValue(DicomTag tag, DicomVR vr, uint valueLength, DicomEncoding encoding)
    {
        long valueStart = stream.Position;
        CheckLength(valueLength, valueStart, tag);
        if (tag == DicomTags.PixelData && !options.ReadPixelData)
        {
            stream.Position = valueStart + valueLength;
            return DicomElement.NotLoaded(tag, vr, valueStart, valueLength);
        }

        CountBytes(valueLength, valueStart);
        var data = ReadBytes(valueLength);
        if (encoding.BigEndian && tag != DicomTags.PixelData)
        {
            SwapToLittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(data).Span, vr.ValueSize());
        }

        return new DicomElement(tag, vr, data);
    }

    private DicomSequence ReadSequence(DicomTag tag, uint valueLength, DicomEncoding encoding, int depth)
    {
        if (depth + 1 > options.MaxNestingDepth)
        {
            throw new DicomLimitExceededException($"sequences nested deeper than {options.MaxNestingDepth} levels", path, stream.Position);
        }

        long sequenceEnd = length;
        if (valueLength != UndefinedLength)
        {
            CheckLength(valueLength, stream.Position, tag);
            sequenceEnd = stream.Position + valueLength;
        }

        var sequence = new DicomSequence(tag);
        var enclosingCharacterSet = currentCharacterSet;
        bool delimited = false;
        Span<byte> b = stackalloc byte[8];
        while (!stopped && stream.Position < sequenceEnd)
        {
            long itemStart = stream.Position;
            if (sequenceEnd - itemStart < 8)
            {
                throw new DicomFormatException($"sequence {DicomDictionary.Describe(tag)} ends inside an item header", path, itemStart);
            }

            stream.ReadExactly(b);
            var itemTag = new DicomTag(ReadUInt16(b, encoding.BigEndian), ReadUInt16(b[2..], encoding.BigEndian));
            uint itemLength = ReadUInt32(b[4..], encoding.BigEndian);
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                delimited = true;
                break;
            }

            if (itemTag != DicomTag.Item)
            {
                throw new DicomFormatException($"expected an item in sequence {DicomDictionary.Describe(tag)}, found {itemTag}", path, itemStart);
            }

            if (++elementCount > options.MaxElementCount)
            {
                throw new DicomLimitExceededException($"more than {options.MaxElementCount} elements", path, itemStart);
            }

            // Items inherit the enclosing dataset's character set unless they declare their own.
            var item = new DicomDataset { CharacterSet = currentCharacterSet };
            if (itemLength == UndefinedLength)
            {
                ReadItems(item, sequenceEnd, encoding, depth + 1, inItem: true);
            }
            else
            {
                long itemEnd = stream.Position + itemLength;
                if (itemEnd > sequenceEnd)
                {
                    // A last item cut short (seen in DICOMDIRs): read what is there, as dcmtk does.
                    warnings.Add($"item of {itemLength} bytes at byte {itemStart} runs past the end of sequence {DicomDictionary.Describe(tag)}; truncated");
                    itemEnd = sequenceEnd;
                }

                ReadItems(item, itemEnd, encoding, depth + 1, inItem: false);
                stream.Position = itemEnd;
            }

            sequence.Items.Add(item);
            currentCharacterSet = enclosingCharacterSet;
        }

        if (valueLength == UndefinedLength && !delimited && !stopped)
        {
            throw new DicomFormatException($"sequence {DicomDictionary.Describe(tag)} has no sequence delimiter before the end of the data", path, stream.Position);
        }

        return sequence;
    }

    private DicomFragmentSequence ReadFragments(DicomTag tag, DicomVR vr, DicomEncoding encoding)
    {
        long valueStart = stream.Position;
        ReadOnlyMemory<byte> offsetTable = ReadOnlyMemory<byte>.Empty;
        var fragments = new List<ReadOnlyMemory<byte>>();
        bool first = true;
        Span<byte> b = stackalloc byte[8];
        while (true)
        {
            long itemStart = stream.Position;
            if (length - itemStart < 8 && fragments.Count > 0)
            {
                warnings.Add("encapsulated pixel data ends without a sequence delimiter");
                stream.Position = length;
                break;
            }

            if (length - itemStart < 8)
            {
                throw new DicomFormatException("encapsulated pixel data has no sequence delimiter before the end of the data", path, itemStart);
            }

            stream.ReadExactly(b);
            var itemTag = new DicomTag(ReadUInt16(b, encoding.BigEndian), ReadUInt16(b[2..], encoding.BigEndian));
            uint itemLength = ReadUInt32(b[4..], encoding.BigEndian);
            if (itemTag == DicomTag.SequenceDelimitation)
            {
                break;
            }

            if (itemTag != DicomTag.Item)
            {
                throw new DicomFormatException($"expected a fragment item in encapsulated pixel data, found {itemTag}", path, itemStart);
            }

            if (itemLength == UndefinedLength)
            {
                throw new DicomFormatException("pixel data fragment has undefined length", path, itemStart);
            }

            CheckLength(itemLength, stream.Position, tag);
            if (++elementCount > options.MaxElementCount)
            {
                throw new DicomLimitExceededException($"more than {options.MaxElementCount} elements", path, itemStart);
            }

            if (!options.ReadPixelData && !first)
            {
                stream.Position += itemLength;
                continue;
            }

            CountBytes(itemLength, itemStart);
            var data = ReadBytes(itemLength);
            if (first)
            {
                offsetTable = data;
                first = false;
            }
            else
            {
                fragments.Add(data);
            }
        }

        if (!options.ReadPixelData)
        {
            return new DicomFragmentSequence(tag, vr, offsetTable, []) { NotLoadedStreamOffset = valueStart };
        }

        return new DicomFragmentSequence(tag, vr, offsetTable, fragments);
    }


    private void CheckLength(uint valueLength, long valueStart, DicomTag tag)
    {
        if (valueLength > options.MaxElementLength)
        {
            throw new DicomLimitExceededException($"element {DicomDictionary.Describe(tag)} declares {valueLength} bytes, more than the limit of {options.MaxElementLength}", path, valueStart);
        }

        if (valueLength > length - valueStart)
        {
            throw new DicomFormatException($"element {DicomDictionary.Describe(tag)} declares {valueLength} bytes but only {length - valueStart} remain", path, valueStart);
        }
    }

    private void CountBytes(uint valueLength, long position)
    {
        totalValueBytes += valueLength;
        if (totalValueBytes > options.MaxDatasetBytes)
        {
            throw new DicomLimitExceededException($"dataset exceeds the limit of {options.MaxDatasetBytes} bytes", path, position);
        }
    }

    /// <summary>A value's bytes: a slice of the caller's buffer when sharing was asked for, else a copy.</summary>
    private ReadOnlyMemory<byte> ReadBytes(uint count)
    {
        if (count == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (sharedBuffer is { } buffer)
        {
            int start = (int)stream.Position;
            stream.Position = start + count;
            return buffer.AsMemory(start, (int)count);
        }

        byte[] data = new byte[count];
        stream.ReadExactly(data);
        return data;
    }

    private MemoryStream Inflate()
    {
        long compressedStart = stream.Position;
        long compressedLength = length - compressedStart;
        long cap = Math.Min(options.MaxInflatedBytes, (long)Math.Min(long.MaxValue / 2, Math.Max(1 << 20, compressedLength * options.MaxDecompressionRatio)));
        var output = new MemoryStream();
        try
        {
            CopyCapped(new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true), output, cap, compressedStart);
        }
        catch (InvalidDataException)
        {
            // Some writers wrap the deflated dataset in a zlib header; try that before giving up.
            stream.Position = compressedStart;
            output.SetLength(0);
            CopyCapped(new ZLibStream(stream, CompressionMode.Decompress, leaveOpen: true), output, cap, compressedStart);
            warnings.Add("deflated dataset has a zlib header (should be raw deflate)");
        }

        output.Position = 0;
        return output;
    }

    /// <summary>zlib reports some corrupt streams as System.IO.Compression.ZLibException (an internal IOException), not InvalidDataException.</summary>
    private static int ReadInflated(Stream source, byte[] buffer)
    {
        try
        {
            return source.Read(buffer);
        }
        catch (IOException e) when (e.GetType().Namespace == "System.IO.Compression")
        {
            throw new InvalidDataException("corrupt deflate stream: " + e.Message, e);
        }
    }

    private void CopyCapped(Stream source, MemoryStream output, long cap, long offset)
    {
        using (source)
        {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = ReadInflated(source, buffer)) > 0)
            {
                if (output.Length + n > cap)
                {
                    throw new DicomLimitExceededException($"deflated dataset inflates past {cap} bytes (decompression ratio or size limit)", path, offset);
                }

                output.Write(buffer, 0, n);
            }
        }
    }

    private MemoryStream CopyToMemory(Stream input)
    {
        var output = new MemoryStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        long cap = options.MaxDatasetBytes + (1 << 20);
        while ((n = input.Read(buffer)) > 0)
        {
            if (output.Length + n > cap)
            {
                throw new DicomLimitExceededException($"stream is larger than {cap} bytes", path, output.Length);
            }

            output.Write(buffer, 0, n);
        }

        output.Position = 0;
        return output;
    }

    private long SafePosition()
    {
        try
        {
            return stream.CanSeek ? stream.Position : -1;
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private static uint ReadUInt32(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private static void SwapToLittleEndian(Span<byte> data, int size)
    {
        if (size == 1)
        {
            return;
        }

        int count = data.Length / size;
        for (int i = 0; i < count; i++)
        {
            data.Slice(i * size, size).Reverse();
        }
    }
}
