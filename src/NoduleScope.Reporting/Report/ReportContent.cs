using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.KeyImages;

namespace NoduleScope.Reporting.Report;

/// <summary>Everything the HTML and PDF reports show: the findings, the source patient and study (null for non-DICOM
/// input), the series description, a key image per nodule and when the report was made.</summary>
public sealed record ReportContent(FindingsDocument Document, SourceStudy? Source, string? SeriesDescription, IReadOnlyDictionary<int, KeyImage> KeyImages, DateTimeOffset Created)
{
    /// <summary>The prior exam the findings were compared with; null without a comparison.</summary>
    public PriorReportContent? Prior { get; init; }
}
