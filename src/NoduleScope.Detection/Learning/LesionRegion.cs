using NoduleScope.Imaging;

namespace NoduleScope.Detection.Learning;

/// <summary>A lesion in a training or benchmark scan: centre (world LPS mm) and diameter; a candidate within half the
/// diameter is on it (the LUNA16 hit rule).</summary>
public sealed record LesionRegion(Vector3D Center, double DiameterMm)
{
    public bool Contains(Vector3D point) => (point - Center).Length < DiameterMm / 2;
}
