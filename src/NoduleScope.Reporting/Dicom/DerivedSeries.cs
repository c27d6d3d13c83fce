namespace NoduleScope.Reporting.Dicom;

/// <summary>A new series that our derived objects go into (same study as the source).</summary>
public sealed record DerivedSeries(string SeriesInstanceUid, int SeriesNumber, string Modality, string Description);
