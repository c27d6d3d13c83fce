namespace NoduleScope.Imaging;

/// <summary>Where a volume came from: file path and DICOM identifiers when there are any.</summary>
public sealed record VolumeSource
{
    public static VolumeSource Unknown { get; } = new();

    public string? Path { get; init; }

    public string? PatientId { get; init; }

    /// <summary>DICOM PatientAge (e.g. "062Y") and PatientSex (M/F/O) as written, for the risk models.</summary>
    public string? PatientAge { get; init; }

    public string? PatientSex { get; init; }

    public string? StudyInstanceUid { get; init; }

    /// <summary>DICOM StudyDate as written (DA, YYYYMMDD), for comparisons with prior exams.</summary>
    public string? StudyDate { get; init; }

    public string? SeriesInstanceUid { get; init; }

    public string? FrameOfReferenceUid { get; init; }

    public string? SeriesDescription { get; init; }

    /// <summary>SOP Instance UIDs of the slices in volume order (empty for non-DICOM input).</summary>
    public IReadOnlyList<string> SopInstanceUids { get; init; } = [];
}
