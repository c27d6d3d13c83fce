namespace NoduleScope.Imaging.Synthetic;

/// <summary>
/// Identifiers and acquisition values written into every slice by <see cref="DicomSeriesWriter"/>. UIDs left null are
/// derived from <see cref="Seed"/> when one is given (so the same seed gives the same files), otherwise generated.
/// </summary>
public sealed record DicomSeriesWriterOptions
{
    /// <summary>Makes every generated UID deterministic; null means random UIDs.</summary>
    public string? Seed { get; init; }

    public string PatientId { get; init; } = "NS-PHANTOM";

    public string PatientName { get; init; } = "Phantom^Synthetic";

    public string? StudyInstanceUid { get; init; }

    public string? SeriesInstanceUid { get; init; }

    public string? FrameOfReferenceUid { get; init; }

    public string StudyId { get; init; } = "1";

    public string AccessionNumber { get; init; } = string.Empty;

    public string StudyDescription { get; init; } = "Synthetic chest CT";

    public string SeriesDescription { get; init; } = "Synthetic chest phantom";

    public int SeriesNumber { get; init; } = 1;

    public DateOnly StudyDate { get; init; } = new(2024, 1, 1);

    public string Manufacturer { get; init; } = "NoduleScope";

    public string ConvolutionKernel { get; init; } = "LUNG";

    /// <summary>SliceThickness to record; null means the volume's slice spacing.</summary>
    public double? SliceThickness { get; init; }

    /// <summary>
    /// Stored value = HU − intercept (slope 1). Must be a whole number; −1024 (the common scanner choice) keeps air at
    /// stored 0 and exercises the rescale path of readers.
    /// </summary>
    public int RescaleIntercept { get; init; } = -1024;
}
