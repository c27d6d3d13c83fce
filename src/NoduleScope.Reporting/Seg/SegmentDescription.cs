using NoduleScope.Reporting.Dicom;

namespace NoduleScope.Reporting.Seg;

/// <summary>One item of a segmentation's Segment Sequence, as read back.</summary>
public sealed record SegmentDescription(int Number, string Label, string? TrackingId, string? TrackingUid, CodedConcept? Category, CodedConcept? Type, string? AlgorithmType);
