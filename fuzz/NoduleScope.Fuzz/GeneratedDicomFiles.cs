using System.IO.Compression;
using NoduleScope.Dicom;

namespace NoduleScope.Fuzz;

/// <summary>Small valid DICOM files made here, so every target has seeds even without ../shared/dicom-corpus.</summary>
internal static class GeneratedDicomFiles
{
    public static IEnumerable<FuzzSeed> All()
    {
        yield return new FuzzSeed("gen_native_ct.dcm", Write(CtSlice(0, native: true), null));
        yield return new FuzzSeed("gen_rle_ct.dcm", Write(CtSlice(0, native: false), DicomTransferSyntax.RleLossless));
        yield return new FuzzSeed("gen_deflated_frame.dcm", Write(DeflatedFrameImage(), DicomTransferSyntax.DeflatedImageFrameCompression));
        yield return new FuzzSeed("gen_nested_sr.dcm", Write(NestedReport(), null));
    }

    /// <summary>Slice <paramref name="index"/> of a small axial CT series (8 x 8 pixels, 2.5 mm apart).</summary>
    public static DicomDataset CtSlice(int index, bool native)
    {
        var ds = new DicomDataset()
            .AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2")
            .AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.9." + (index + 1))
            .AddString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.9.100")
            .AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.9.101")
            .AddString(DicomTags.FrameOfReferenceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.9.102")
            .AddString(DicomTags.Modality, DicomVR.CS, "CT")
            .AddString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL\\PRIMARY\\AXIAL")
            .AddString(DicomTags.PatientName, "Fuzz^Seed")
            .AddString(DicomTags.SeriesNumber, DicomVR.IS, "1")
            .AddString(DicomTags.InstanceNumber, DicomVR.IS, (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .AddDecimals(DicomTags.ImagePositionPatient, -10, -10, index * 2.5)
            .AddDecimals(DicomTags.ImageOrientationPatient, 1, 0, 0, 0, 1, 0)
            .AddDecimals(DicomTags.PixelSpacing, 0.7, 0.7)
            .AddDecimals(DicomTags.SliceThickness, 2.5)
            .AddDecimals(DicomTags.RescaleIntercept, -1024)
            .AddDecimals(DicomTags.RescaleSlope, 1)
            .AddUInt16(DicomTags.Rows, 8)
            .AddUInt16(DicomTags.Columns, 8)
            .AddUInt16(DicomTags.BitsAllocated, 16)
            .AddUInt16(DicomTags.BitsStored, 12)
            .AddUInt16(DicomTags.HighBit, 11)
            .AddUInt16(DicomTags.PixelRepresentation, 0)
            .AddUInt16(DicomTags.SamplesPerPixel, 1)
            .AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        byte[] pixels = new byte[128];
        for (int i = 0; i < 64; i++)
        {
            pixels[2 * i] = (byte)(i * 13 + index);
            pixels[(2 * i) + 1] = (byte)((i >> 3) & 0x0F);
        }

        ds.Add(native
            ? new DicomElement(DicomTags.PixelData, DicomVR.OW, pixels)
            : new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [SimpleRle.Encode(pixels, 8, 8, bytesPerSample: 2)]));
        return ds;
    }

    public static byte[] Write(DicomDataset dataset, DicomTransferSyntax? syntax)
    {
        using var stream = new MemoryStream();
        DicomWriter.WriteFile(stream, dataset, syntax);
        return stream.ToArray();
    }

    private static DicomDataset DeflatedFrameImage()
    {
        var ds = CtSlice(0, native: true);
        byte[] pixels = ((DicomElement)ds.GetItem(DicomTags.PixelData)!).Data.ToArray();
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(pixels);
        }

        ds.Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [compressed.ToArray()]));
        return ds;
    }

    private static DicomDataset NestedReport()
    {
        var inner = new DicomDataset().AddString(DicomTags.TextValue, DicomVR.UT, "nodule 6 mm");
        for (int i = 0; i < 5; i++)
        {
            inner = new DicomDataset().AddString(DicomTags.ValueType, DicomVR.CS, "CONTAINER").AddSequence(DicomTags.ContentSequence, inner);
        }

        return inner
            .AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.88.22")
            .AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.9.200")
            .AddString(new DicomTag(0x0029, 0x0010), DicomVR.LO, "FUZZ CREATOR")
            .Add(new DicomElement(new DicomTag(0x0029, 0x1010), DicomVR.OB, new byte[] { 1, 2, 3, 4 }));
    }
}
