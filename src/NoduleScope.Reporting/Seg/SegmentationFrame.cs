using NoduleScope.Imaging;

namespace NoduleScope.Reporting.Seg;

/// <summary>One frame of a binary segmentation: its segment, plane position, source image and 0/1 pixels (row by row).</summary>
public sealed record SegmentationFrame(int SegmentNumber, Vector3D Position, string? SourceSopInstanceUid, byte[] Pixels);
