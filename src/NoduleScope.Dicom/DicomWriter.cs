using System.Buffers.Binary;

namespace NoduleScope.Dicom;

/// <summary>
/// Writes datasets as explicit VR little endian (the encoding of every transfer syntax we send). Sequences and items
/// use undefined lengths with delimiters; encapsulated pixel data is written as fragments.
/// </summary>
public static class DicomWriter
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    /// <summary>Writes a Part 10 file: preamble, "DICM", file meta information, dataset.</summary>
    /// <param name="syntax">Explicit VR little endian, or the encapsulated syntax of the dataset's compressed pixel data.</param>
    public static void WriteFile(Stream output, DicomDataset dataset, DicomTransferSyntax? syntax = null, DicomDataset? fileMeta = null)
    {
        syntax ??= dataset.GetItem(DicomTags.PixelData) is DicomFragmentSequence
            ? throw new ArgumentException("encapsulated pixel data needs its transfer syntax", nameof(syntax))
            : DicomTransferSyntax.ExplicitVRLittleEndian;
        if (!syntax.IsExplicitVR || syntax.IsBigEndian || syntax.IsDeflated)
        {
            throw new ArgumentException($"writing {syntax.Name} is not supported; use explicit VR little endian", nameof(syntax));
        }

        var meta = BuildFileMeta(dataset, syntax, fileMeta);
        Span<byte> preamble = stackalloc byte[132];
        preamble.Clear();
        preamble[128] = (byte)'D';
        preamble[129] = (byte)'I';
        preamble[130] = (byte)'C';
        preamble[131] = (byte)'M';
        output.Write(preamble);

        using var metaBody = new MemoryStream();
        foreach (var item in meta)
        {
            if (item.Tag != DicomTags.FileMetaInformationGroupLength)
            {
                WriteItem(metaBody, item);
            }
        }

        byte[] groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)metaBody.Length);
        WriteItem(output, new DicomElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, groupLength));
        metaBody.Position = 0;
        metaBody.CopyTo(output);
        WriteDataset(output, dataset);
    }

    /// <summary>Writes a file to <paramref name="path"/> (created or replaced).</summary>
    public static void WriteFile(string path, DicomDataset dataset, DicomTransferSyntax? syntax = null, DicomDataset? fileMeta = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        WriteFile(stream, dataset, syntax, fileMeta);
    }

    /// <summary>Writes the elements of <paramref name="dataset"/> (no file meta, no preamble).</summary>
    public static void WriteDataset(Stream output, DicomDataset dataset)
    {
        foreach (var item in dataset)
        {
            if (item.Tag.Group == 0x0002 || item.Tag.IsGroupLength)
            {
                continue;
            }

            WriteItem(output, item);
        }
    }

    private static DicomDataset BuildFileMeta(DicomDataset dataset, DicomTransferSyntax syntax, DicomDataset? given)
    {
        var meta = new DicomDataset();
        if (given is not null)
        {
            foreach (var item in given)
            {
                meta.Add(item);
            }
        }

        meta.Add(new DicomElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 }));
        string sopClass = dataset.GetString(DicomTags.SOPClassUID) ?? meta.GetString(DicomTags.MediaStorageSOPClassUID)
            ?? throw new ArgumentException("dataset has no SOPClassUID", nameof(dataset));
        string sopInstance = dataset.GetString(DicomTags.SOPInstanceUID) ?? meta.GetString(DicomTags.MediaStorageSOPInstanceUID)
            ?? throw new ArgumentException("dataset has no SOPInstanceUID", nameof(dataset));
        meta.AddString(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClass);
        meta.AddString(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstance);
        meta.AddString(DicomTags.TransferSyntaxUID, DicomVR.UI, syntax.Uid);
        meta.AddString(DicomTags.ImplementationClassUID, DicomVR.UI, DicomUid.ImplementationClassUid);
        meta.AddString(DicomTags.ImplementationVersionName, DicomVR.SH, DicomUid.ImplementationVersionName);
        return meta;
    }

    private static void WriteItem(Stream output, DicomItem item)
    {
        switch (item)
        {
            case DicomSequence sequence:
                WriteHeader(output, item.Tag, DicomVR.SQ, UndefinedLength);
                foreach (var child in sequence.Items)
                {
                    WriteTag(output, DicomTag.Item, UndefinedLength);
                    WriteDataset(output, child);
                    WriteTag(output, DicomTag.ItemDelimitation, 0);
                }

                WriteTag(output, DicomTag.SequenceDelimitation, 0);
                break;
            case DicomFragmentSequence fragments:
                if (!fragments.IsLoaded)
                {
                    throw new InvalidOperationException($"{item} was not loaded (header-only read) and cannot be written");
                }

                WriteHeader(output, item.Tag, DicomVR.OB, UndefinedLength);
                WriteTag(output, DicomTag.Item, (uint)fragments.BasicOffsetTable.Length);
                output.Write(fragments.BasicOffsetTable.Span);
                foreach (var fragment in fragments.Fragments)
                {
                    bool odd = (fragment.Length & 1) == 1;
                    WriteTag(output, DicomTag.Item, (uint)(fragment.Length + (odd ? 1 : 0)));
                    output.Write(fragment.Span);
                    if (odd)
                    {
                        output.WriteByte(0);
                    }
                }

                WriteTag(output, DicomTag.SequenceDelimitation, 0);
                break;
            case DicomElement element:
                if (!element.IsLoaded)
                {
                    throw new InvalidOperationException($"{item} was not loaded (header-only read) and cannot be written");
                }

                var vr = element.VR == DicomVR.None ? DicomVR.UN : element.VR;
                var data = element.Data.Span;
                bool pad = (data.Length & 1) == 1;
                long valueLength = data.Length + (pad ? 1 : 0);
                if (!vr.HasLongLength() && valueLength > 0xFFFE)
                {
                    // Too long for a 16-bit length: UN keeps the bytes (readers fall back to the dictionary VR).
                    vr = DicomVR.UN;
                }

                WriteHeader(output, element.Tag, vr, (uint)valueLength);
                output.Write(data);
                if (pad)
                {
                    output.WriteByte(element.VR.PaddingByte());
                }

                break;
        }
    }

    private static void WriteHeader(Stream output, DicomTag tag, DicomVR vr, uint length)
    {
        Span<byte> b = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(b, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], tag.Element);
        b[4] = (byte)((ushort)vr >> 8);
        b[5] = (byte)vr;
        if (vr.HasLongLength())
        {
            b[6] = 0;
            b[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(b[8..], length);
            output.Write(b);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b[6..], (ushort)length);
            output.Write(b[..8]);
        }
    }

    private static void WriteTag(Stream output, DicomTag tag, uint length)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(b, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], length);
        output.Write(b);
    }
}
