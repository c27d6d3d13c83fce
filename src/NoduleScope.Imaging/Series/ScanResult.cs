namespace NoduleScope.Imaging.Series;

/// <summary>Series found in an input, the DICOM files that could not be read ("path: reason"), and counts.</summary>
public sealed record ScanResult(IReadOnlyList<SeriesInfo> Series, IReadOnlyList<string> Errors, int FilesSeen, int NonDicomSkipped);
