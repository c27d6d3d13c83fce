namespace NoduleScope.Imaging.Synthetic;

/// <summary>A nodule of the phantom in voxel coordinates, with its radius in mm.</summary>
internal readonly record struct PhantomNodule(double X, double Y, double Z, double RadiusMm, short Hounsfield);
