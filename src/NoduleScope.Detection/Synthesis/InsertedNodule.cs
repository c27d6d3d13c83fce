using NoduleScope.Imaging;

namespace NoduleScope.Detection.Synthesis;

/// <summary>A nodule placed into a background CT: where (world LPS mm), how large (the LIDC diameter), which kind of
/// placement, which LIDC nodule it came from, and the radius of the region whose voxels it may have changed.</summary>
public sealed record InsertedNodule(Vector3D Center, double DiameterMm, LesionPlacement Placement, string SourceId, bool IsSolid, double ExtentRadiusMm);
