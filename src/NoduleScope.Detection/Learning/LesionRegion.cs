using NoduleScope.Imaging;

namespace NoduleScope.Detection.Learning;

/// <summary>A lesion in a training or benchmark scan: centre (world LPS mm) and diameter; a candidate within half the
/// diameter is on it (the LUNA16 hit rule).</summary>
public sealed record LesionRegion(Vector3D Center, double DiameterMm)
{
    /// <summary>The annotated box (world LPS corners) when the lesion was marked by a box rather than a centre.</summary>
    public (Vector3D Min, Vector3D Max)? Box { get; init; }

    public bool Contains(Vector3D point) => (point - Center).Length < DiameterMm / 2;

    /// <summary>Inside the annotated box, or within the radius when there is no box.</summary>
    public bool Covers(Vector3D point) => Box is { } b
        ? point.X >= b.Min.X && point.X <= b.Max.X && point.Y >= b.Min.Y && point.Y <= b.Max.Y && point.Z >= b.Min.Z && point.Z <= b.Max.Z
        : Contains(point);
}
