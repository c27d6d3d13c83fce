namespace NoduleScope.Imaging.Synthetic;

/// <summary>A spherical nodule placed in a <see cref="SyntheticChestPhantom"/>: centre in world coordinates (LPS, mm).</summary>
public sealed record SyntheticNodule(Vector3D Center, double DiameterMm, short Hounsfield, bool IsGroundGlass);
