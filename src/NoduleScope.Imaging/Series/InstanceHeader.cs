using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>What the scanner needs to know of one instance, read without touching its pixel data.</summary>
public sealed record InstanceHeader
{
    public required InstanceSource Source { get; init; }

    public required string SopInstanceUid { get; init; }

    public string SopClassUid { get; init; } = string.Empty;

    public required string StudyInstanceUid { get; init; }

    public required string SeriesInstanceUid { get; init; }

    public string PatientId { get; init; } = string.Empty;

    /// <summary>PatientAge as written (e.g. "062Y"); empty when absent.</summary>
    public string PatientAge { get; init; } = string.Empty;

    public string PatientSex { get; init; } = string.Empty;

    public string PatientName { get; init; } = string.Empty;

    public string StudyDate { get; init; } = string.Empty;

    public string StudyDescription { get; init; } = string.Empty;

    public string SeriesDescription { get; init; } = string.Empty;

    public int? SeriesNumber { get; init; }

    public int? InstanceNumber { get; init; }

    public int? AcquisitionNumber { get; init; }

    public string Modality { get; init; } = string.Empty;

    public IReadOnlyList<string> ImageType { get; init; } = [];

    public string ConvolutionKernel { get; init; } = string.Empty;

    public string Manufacturer { get; init; } = string.Empty;

    public string FrameOfReferenceUid { get; init; } = string.Empty;

    public required DicomTransferSyntax TransferSyntax { get; init; }

    public int Rows { get; init; }

    public int Columns { get; init; }

    public int NumberOfFrames { get; init; } = 1;

    /// <summary>ImagePositionPatient of each frame (one for single-frame instances); empty when absent.</summary>
    public IReadOnlyList<Vector3D> Positions { get; init; } = [];

    /// <summary>ImageOrientationPatient row and column directions; null when absent.</summary>
    public (Vector3D Row, Vector3D Column)? Orientation { get; init; }

    /// <summary>PixelSpacing as (row spacing, column spacing) = (Y, X) mm; null when absent.</summary>
    public (double Row, double Column)? PixelSpacing { get; init; }

    public double? SliceThickness { get; init; }

    public double? GantryTilt { get; init; }

    public double RescaleSlope { get; init; } = 1;

    public double RescaleIntercept { get; init; }

    public int? PixelPaddingValue { get; init; }

    public bool HasPixelData { get; init; }

    /// <summary>Enhanced multi-frame CT/MR (per-frame functional groups).</summary>
    public bool IsEnhanced { get; init; }

    public bool IsLocalizer => Contains(ImageType, "LOCALIZER") || Contains(ImageType, "SCOUT") || Contains(ImageType, "TOPOGRAM");

    private static bool Contains(IReadOnlyList<string> values, string word)
    {
        foreach (string v in values)
        {
            if (string.Equals(v, word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
