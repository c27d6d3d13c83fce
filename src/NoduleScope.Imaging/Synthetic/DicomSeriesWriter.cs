using System.Buffers.Binary;
using System.Globalization;
using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Synthetic;

/// <summary>
/// Writes a <see cref="CtVolume"/> as a CT Image Storage series: one explicit VR little endian file per slice, signed
/// 16-bit stored values with RescaleIntercept/RescaleSlope, and ImagePositionPatient/ImageOrientationPatient taken from
/// the volume geometry. File names are generated (IM00001.dcm, ...), never taken from DICOM values.
/// </summary>
public static class DicomSeriesWriter
{
    public const string CtImageStorageUid = "1.2.840.10008.5.1.4.1.1.2";

    /// <summary>Writes slice k of <paramref name="volume"/> to <c>IM{k+1:D5}.dcm</c> in <paramref name="folder"/> (created when absent).</summary>
    /// <returns>The paths written, in slice order.</returns>
    /// <exception cref="ArgumentException">A voxel does not fit the stored 16-bit range after the rescale intercept.</exception>
    public static IReadOnlyList<string> Write(CtVolume volume, string folder, DicomSeriesWriterOptions? options = null, IProgress<int>? slicesWritten = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(folder);
        options ??= new DicomSeriesWriterOptions();
        CheckStoredRange(volume, options.RescaleIntercept);
        Directory.CreateDirectory(folder);

        string studyUid = options.StudyInstanceUid ?? NewUid(options.Seed, "study");
        string seriesUid = options.SeriesInstanceUid ?? NewUid(options.Seed, "series");
        string frameOfReferenceUid = options.FrameOfReferenceUid ?? NewUid(options.Seed, "frame-of-reference");
        var paths = new string[volume.SizeZ];
        for (int k = 0; k < volume.SizeZ; k++)
        {
            string sopUid = options.Seed is null ? DicomUid.Generate() : DicomUid.FromSeed($"{options.Seed}|{seriesUid}|{k + 1}");
            byte[] pixelBytes = EncodeSlice(volume.Slice(k), options.RescaleIntercept);
            var dataset = BuildSlice(volume, k, options, studyUid, seriesUid, frameOfReferenceUid, sopUid, pixelBytes);
            string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"IM{k + 1:D5}.dcm"));
            DicomWriter.WriteFile(path, dataset);
            paths[k] = path;
            slicesWritten?.Report(k + 1);
        }

        return paths;
    }

    private static string NewUid(string? seed, string purpose) => seed is null ? DicomUid.Generate() : DicomUid.FromSeed($"{seed}|{purpose}");

    private static DicomDataset BuildSlice(CtVolume volume, int k, DicomSeriesWriterOptions o, string studyUid, string seriesUid, string frameOfReferenceUid, string sopUid, byte[] pixelBytes)
    {
        string date = o.StudyDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        string instanceNumber = (k + 1).ToString(CultureInfo.InvariantCulture);
        Vector3D position = volume.VoxelToWorld(0, 0, k);
        Vector3D row = volume.DirectionX;
        Vector3D column = volume.DirectionY;
        Vector3D normal = row.Cross(column).Normalized();
        var ds = new DicomDataset();
        ds.AddString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.AddString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL\\PRIMARY\\AXIAL");
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, CtImageStorageUid);
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, sopUid);
        ds.AddString(DicomTags.StudyDate, DicomVR.DA, date);
        ds.AddString(DicomTags.SeriesDate, DicomVR.DA, date);
        ds.AddString(DicomTags.ContentDate, DicomVR.DA, date);
        ds.AddString(DicomTags.StudyTime, DicomVR.TM, "120000");
        ds.AddString(DicomTags.AccessionNumber, DicomVR.SH, o.AccessionNumber);
        ds.AddString(DicomTags.Modality, DicomVR.CS, "CT");
        ds.AddString(DicomTags.Manufacturer, DicomVR.LO, o.Manufacturer);
        ds.AddString(DicomTags.ReferringPhysicianName, DicomVR.PN, string.Empty);
        ds.AddString(DicomTags.StudyDescription, DicomVR.LO, o.StudyDescription);
        ds.AddString(DicomTags.SeriesDescription, DicomVR.LO, o.SeriesDescription);
        ds.AddString(DicomTags.PatientName, DicomVR.PN, o.PatientName);
        ds.AddString(DicomTags.PatientID, DicomVR.LO, o.PatientId);
        ds.AddString(DicomTags.PatientBirthDate, DicomVR.DA, string.Empty);
        ds.AddString(DicomTags.PatientSex, DicomVR.CS, "O");
        ds.AddString(DicomTags.BodyPartExamined, DicomVR.CS, "CHEST");
        ds.AddDecimals(DicomTags.SliceThickness, o.SliceThickness ?? volume.Spacing.Z);
        ds.AddDecimals(DicomTags.KVP, 120);
        ds.AddDecimals(DicomTags.SpacingBetweenSlices, volume.Spacing.Z);
        ds.AddString(DicomTags.ConvolutionKernel, DicomVR.SH, o.ConvolutionKernel);
        ds.AddString(DicomTags.PatientPosition, DicomVR.CS, "HFS");
        ds.AddString(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid);
        ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, seriesUid);
        ds.AddString(DicomTags.StudyID, DicomVR.SH, o.StudyId);
        ds.AddString(DicomTags.SeriesNumber, DicomVR.IS, o.SeriesNumber.ToString(CultureInfo.InvariantCulture));
        ds.AddString(DicomTags.AcquisitionNumber, DicomVR.IS, "1");
        ds.AddString(DicomTags.InstanceNumber, DicomVR.IS, instanceNumber);
        ds.AddDecimals(DicomTags.ImagePositionPatient, position.X, position.Y, position.Z);
        ds.AddDecimals(DicomTags.ImageOrientationPatient, row.X, row.Y, row.Z, column.X, column.Y, column.Z);
        ds.AddString(DicomTags.FrameOfReferenceUID, DicomVR.UI, frameOfReferenceUid);
        ds.AddString(DicomTags.PositionReferenceIndicator, DicomVR.LO, string.Empty);
        ds.AddDecimals(DicomTags.SliceLocation, position.Dot(normal));
        ds.AddUInt16(DicomTags.SamplesPerPixel, 1);
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddUInt16(DicomTags.Rows, (ushort)volume.SizeY);
        ds.AddUInt16(DicomTags.Columns, (ushort)volume.SizeX);
        ds.AddDecimals(DicomTags.PixelSpacing, volume.Spacing.Y, volume.Spacing.X);
        ds.AddUInt16(DicomTags.BitsAllocated, 16);
        ds.AddUInt16(DicomTags.BitsStored, 16);
        ds.AddUInt16(DicomTags.HighBit, 15);
        ds.AddUInt16(DicomTags.PixelRepresentation, 1);
        ds.AddDecimals(DicomTags.WindowCenter, -600);
        ds.AddDecimals(DicomTags.WindowWidth, 1500);
        ds.AddDecimals(DicomTags.RescaleIntercept, o.RescaleIntercept);
        ds.AddDecimals(DicomTags.RescaleSlope, 1);
        ds.AddString(DicomTags.RescaleType, DicomVR.LO, "HU");
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OW, pixelBytes));
        return ds;
    }

    private static byte[] EncodeSlice(ReadOnlySpan<short> hu, int intercept)
    {
        byte[] destination = new byte[hu.Length * 2];
        for (int i = 0; i < hu.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination.AsSpan(i * 2, 2), (short)(hu[i] - intercept));
        }

        return destination;
    }

    private static void CheckStoredRange(CtVolume volume, int intercept)
    {
        int min = short.MaxValue, max = short.MinValue;
        foreach (short v in volume.Voxels)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (min - intercept < short.MinValue || max - intercept > short.MaxValue)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"voxels from {min} to {max} HU do not fit signed 16-bit stored values with rescale intercept {intercept}"), nameof(volume));
        }
    }
}
