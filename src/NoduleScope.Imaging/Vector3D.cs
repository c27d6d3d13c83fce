namespace NoduleScope.Imaging;

/// <summary>A point or direction in millimetres (DICOM patient coordinates, LPS) or in voxel units.</summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D Zero => default;

    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    public Vector3D Normalized()
    {
        double length = Length;
        return length == 0 ? this : this / length;
    }

    public double Dot(Vector3D other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    public Vector3D Cross(Vector3D o) => new((Y * o.Z) - (Z * o.Y), (Z * o.X) - (X * o.Z), (X * o.Y) - (Y * o.X));

    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);

    public static Vector3D operator *(double s, Vector3D a) => a * s;

    public static Vector3D operator /(Vector3D a, double s) => new(a.X / s, a.Y / s, a.Z / s);

    public override string ToString() => FormattableString.Invariant($"({X:0.###}, {Y:0.###}, {Z:0.###})");
}
