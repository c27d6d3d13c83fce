namespace NoduleScope.Reporting.Sr;

/// <summary>The content of a TID 1500 Imaging Measurement Report, as read back by <see cref="MeasurementReportReader"/>.</summary>
public sealed record MeasurementReport
{
    public required string? DeviceObserverName { get; init; }

    /// <summary>SOP Instance UIDs listed in the image library.</summary>
    public required IReadOnlyList<string> ImageLibrary { get; init; }

    public required IReadOnlyList<ReportedNodule> Nodules { get; init; }

    public ReportedGuidance? Guidance { get; init; }
}
