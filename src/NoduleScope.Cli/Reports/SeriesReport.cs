namespace NoduleScope.Cli.Reports;

/// <summary>One DICOM series in <see cref="InfoReport"/>.</summary>
internal sealed record SeriesReport(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    int? SeriesNumber,
    string SeriesDescription,
    string Modality,
    string PatientId,
    string StudyDate,
    string StudyDescription,
    int Instances,
    int Slices,
    int Rows,
    int Columns,
    double[]? SpacingMm,
    double? SliceThicknessMm,
    string ConvolutionKernel,
    string TransferSyntaxUid,
    string TransferSyntaxName,
    bool Usable,
    double? Score,
    string Note,
    string? Problem,
    IReadOnlyList<string> Warnings);
