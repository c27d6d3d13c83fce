namespace NoduleScope.Imaging.Series;

/// <summary>One frame of one instance, placed along the slice normal.</summary>
internal readonly record struct SliceRef(InstanceHeader Instance, int Frame, Vector3D Position, double Distance);
