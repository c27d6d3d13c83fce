using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>Extracts an <see cref="InstanceHeader"/> from a dataset, including enhanced multi-frame functional groups.</summary>
public static class InstanceHeaderReader
{
    /// <summary>Options for header scans: stop at the pixel data, never load it.</summary>
    public static DicomReadOptions HeaderOptions { get; } = DicomReadOptions.Default with { ReadPixelData = false, StopAtPixelData = true };

    /// <summary>The header, or null with <paramref name="problem"/> set when the instance lacks the identifiers we need.</summary>
    public static InstanceHeader? FromFile(DicomFile file, InstanceSource source, out string? problem)
    {
        var ds = file.Dataset;
        problem = null;
        string? sop = file.SopInstanceUid;
        string? study = ds.GetString(DicomTags.StudyInstanceUID);
        string? series = ds.GetString(DicomTags.SeriesInstanceUID);
        if (string.IsNullOrEmpty(series) || string.IsNullOrEmpty(sop))
        {
            problem = "no SeriesInstanceUID or SOPInstanceUID";
            return null;
        }

        var shared = FirstItem(ds, DicomTags.SharedFunctionalGroupsSequence);
        var perFrame = ds.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        bool enhanced = shared is not null || perFrame is not null;
        int frames = ds.TryGetInt32(DicomTags.NumberOfFrames, out int nf) && nf > 0 ? nf : 1;

        var positions = new List<Vector3D>();
        (Vector3D, Vector3D)? orientation = ReadOrientation(ds);
        (double, double)? spacing = ReadSpacing(ds);
        double? thickness = ds.TryGetDouble(DicomTags.SliceThickness, out double t) ? t : null;
        double slope = ds.TryGetDouble(DicomTags.RescaleSlope, out double sl) && sl != 0 ? sl : 1;
        double intercept = ds.TryGetDouble(DicomTags.RescaleIntercept, out double ic) ? ic : 0;

        if (enhanced)
        {
            orientation ??= FromGroups(shared, perFrame, 0, DicomTags.PlaneOrientationSequence, ReadOrientation);
            spacing ??= FromGroups(shared, perFrame, 0, DicomTags.PixelMeasuresSequence, ReadSpacing);
            thickness ??= FromGroups(shared, perFrame, 0, DicomTags.PixelMeasuresSequence, g => g.TryGetDouble(DicomTags.SliceThickness, out double v) ? v : (double?)null);
            var transform = FromGroups(shared, perFrame, 0, DicomTags.PixelValueTransformationSequence, g => g.TryGetDouble(DicomTags.RescaleSlope, out double s2) ? (s2 == 0 ? 1 : s2, g.TryGetDouble(DicomTags.RescaleIntercept, out double i2) ? i2 : 0) : ((double, double)?)null);
            if (transform is { } tr)
            {
                (slope, intercept) = tr;
            }

            for (int f = 0; f < frames; f++)
            {
                var p = FromGroups(shared, perFrame, f, DicomTags.PlanePositionSequence, ReadPosition);
                if (p is null)
                {
                    positions.Clear();
                    break;
                }

                positions.Add(p.Value);
            }
        }
        else if (ReadPosition(ds) is { } position)
        {
            positions.Add(position);
        }

        return new InstanceHeader
        {
            Source = source,
            SopInstanceUid = sop,
            SopClassUid = ds.GetString(DicomTags.SOPClassUID) ?? string.Empty,
            StudyInstanceUid = study ?? string.Empty,
            SeriesInstanceUid = series,
            PatientId = ds.GetString(DicomTags.PatientID) ?? string.Empty,
            PatientName = ds.GetString(DicomTags.PatientName) ?? string.Empty,
            PatientAge = ds.GetString(DicomTags.PatientAge) ?? string.Empty,
            PatientSex = ds.GetString(DicomTags.PatientSex) ?? string.Empty,
            StudyDate = ds.GetString(DicomTags.StudyDate) ?? string.Empty,
            StudyDescription = ds.GetString(DicomTags.StudyDescription) ?? string.Empty,
            SeriesDescription = ds.GetString(DicomTags.SeriesDescription) ?? string.Empty,
            SeriesNumber = ds.TryGetInt32(DicomTags.SeriesNumber, out int sn) ? sn : null,
            InstanceNumber = ds.TryGetInt32(DicomTags.InstanceNumber, out int inn) ? inn : null,
            AcquisitionNumber = ds.TryGetInt32(DicomTags.AcquisitionNumber, out int an) ? an : null,
            Modality = ds.GetString(DicomTags.Modality) ?? string.Empty,
            ImageType = ds.GetStrings(DicomTags.ImageType),
            ConvolutionKernel = ds.GetString(DicomTags.ConvolutionKernel) ?? string.Empty,
            Manufacturer = ds.GetString(DicomTags.Manufacturer) ?? string.Empty,
            FrameOfReferenceUid = ds.GetString(DicomTags.FrameOfReferenceUID) ?? string.Empty,
            TransferSyntax = file.TransferSyntax,
            Rows = ds.TryGetInt32(DicomTags.Rows, out int rows) ? rows : 0,
            Columns = ds.TryGetInt32(DicomTags.Columns, out int cols) ? cols : 0,
            NumberOfFrames = frames,
            Positions = positions,
            Orientation = orientation,
            PixelSpacing = spacing,
            SliceThickness = thickness,
            GantryTilt = ds.TryGetDouble(DicomTags.GantryDetectorTilt, out double tilt) ? tilt : null,
            RescaleSlope = slope,
            RescaleIntercept = intercept,
            PixelPaddingValue = ds.TryGetInt32(DicomTags.PixelPaddingValue, out int pad) ? pad : null,
            HasPixelData = ds.Contains(DicomTags.PixelData),
            IsEnhanced = enhanced,
        };
    }

    private static T? FromGroups<T>(DicomDataset? shared, DicomSequence? perFrame, int frame, DicomTag macro, Func<DicomDataset, T?> read)
        where T : struct
    {
        if (perFrame is not null && frame < perFrame.Items.Count && FirstItem(perFrame.Items[frame], macro) is { } pf && read(pf) is { } v)
        {
            return v;
        }

        return shared is not null && FirstItem(shared, macro) is { } sh ? read(sh) : null;
    }

    private static DicomDataset? FirstItem(DicomDataset ds, DicomTag tag) =>
        ds.GetSequence(tag) is { Items.Count: > 0 } seq ? seq.Items[0] : null;

    private static Vector3D? ReadPosition(DicomDataset ds) =>
        ds.GetDoubles(DicomTags.ImagePositionPatient) is { Length: 3 } p ? new Vector3D(p[0], p[1], p[2]) : null;

    private static (Vector3D, Vector3D)? ReadOrientation(DicomDataset ds) =>
        ds.GetDoubles(DicomTags.ImageOrientationPatient) is { Length: 6 } o && IsUsableOrientation(o)
            ? (new Vector3D(o[0], o[1], o[2]), new Vector3D(o[3], o[4], o[5]))
            : null;

    private static (double, double)? ReadSpacing(DicomDataset ds) =>
        ds.GetDoubles(DicomTags.PixelSpacing) is { Length: 2 } s && s[0] > 0 && s[1] > 0 ? (s[0], s[1]) : null;

    private static bool IsUsableOrientation(double[] o)
    {
        var r = new Vector3D(o[0], o[1], o[2]);
        var c = new Vector3D(o[3], o[4], o[5]);
        return r.Length > 0.5 && c.Length > 0.5 && Math.Abs(r.Normalized().Dot(c.Normalized())) < 0.01;
    }
}
