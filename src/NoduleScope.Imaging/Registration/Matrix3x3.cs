namespace NoduleScope.Imaging.Registration;

/// <summary>A 3 × 3 matrix of doubles, row-major (M12 = row 1, column 2).</summary>
public readonly record struct Matrix3x3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    public static Matrix3x3 Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>The matrix whose columns are <paramref name="c1"/>, <paramref name="c2"/> and <paramref name="c3"/>.</summary>
    public static Matrix3x3 FromColumns(Vector3D c1, Vector3D c2, Vector3D c3) => new(c1.X, c2.X, c3.X, c1.Y, c2.Y, c3.Y, c1.Z, c2.Z, c3.Z);

    public static Matrix3x3 FromRowMajor(ReadOnlySpan<double> m) =>
        m.Length == 9 ? new(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]) : throw new ArgumentException("9 values are needed", nameof(m));

    public static Matrix3x3 Diagonal(double x, double y, double z) => new(x, 0, 0, 0, y, 0, 0, 0, z);

    /// <summary>Rotation by |<paramref name="rotationVector"/>| radians about its direction (Rodrigues' formula).</summary>
    public static Matrix3x3 Rotation(Vector3D rotationVector)
    {
        double angle = rotationVector.Length;
        if (angle < 1e-12)
        {
            return Identity;
        }

        var k = rotationVector / angle;
        double c = Math.Cos(angle), s = Math.Sin(angle), t = 1 - c;
        return new(
            c + (k.X * k.X * t), (k.X * k.Y * t) - (k.Z * s), (k.X * k.Z * t) + (k.Y * s),
            (k.Y * k.X * t) + (k.Z * s), c + (k.Y * k.Y * t), (k.Y * k.Z * t) - (k.X * s),
            (k.Z * k.X * t) - (k.Y * s), (k.Z * k.Y * t) + (k.X * s), c + (k.Z * k.Z * t));
    }

    public Vector3D Row1 => new(M11, M12, M13);

    public Vector3D Row2 => new(M21, M22, M23);

    public Vector3D Row3 => new(M31, M32, M33);

    public Vector3D Column1 => new(M11, M21, M31);

    public Vector3D Column2 => new(M12, M22, M32);

    public Vector3D Column3 => new(M13, M23, M33);

    public double Determinant => (M11 * ((M22 * M33) - (M23 * M32))) - (M12 * ((M21 * M33) - (M23 * M31))) + (M13 * ((M21 * M32) - (M22 * M31)));

    public Matrix3x3 Transposed => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    /// <summary>Rotation angle (degrees) of the orthogonal matrix nearest to this one's rotation part, from its trace;
    /// exact for rotations.</summary>
    public double RotationAngleDegrees => Math.Acos(Math.Clamp((M11 + M22 + M33 - 1) / 2, -1, 1)) * 180 / Math.PI;

    public double[] ToRowMajor() => [M11, M12, M13, M21, M22, M23, M31, M32, M33];

    // The record's generated ToString would print the derived matrices (Transposed, ...) without end.
    public override string ToString() =>
        FormattableString.Invariant($"[{M11:0.####} {M12:0.####} {M13:0.####}; {M21:0.####} {M22:0.####} {M23:0.####}; {M31:0.####} {M32:0.####} {M33:0.####}]");

    /// <exception cref="InvalidOperationException">The matrix is singular.</exception>
    public Matrix3x3 Inverse()
    {
        double det = Determinant;
        if (Math.Abs(det) < 1e-300 || !double.IsFinite(det))
        {
            throw new InvalidOperationException("the matrix is singular");
        }

        double inv = 1 / det;
        return new(
            ((M22 * M33) - (M23 * M32)) * inv, ((M13 * M32) - (M12 * M33)) * inv, ((M12 * M23) - (M13 * M22)) * inv,
            ((M23 * M31) - (M21 * M33)) * inv, ((M11 * M33) - (M13 * M31)) * inv, ((M13 * M21) - (M11 * M23)) * inv,
            ((M21 * M32) - (M22 * M31)) * inv, ((M12 * M31) - (M11 * M32)) * inv, ((M11 * M22) - (M12 * M21)) * inv);
    }

    public static Vector3D operator *(Matrix3x3 m, Vector3D v) => new(
        (m.M11 * v.X) + (m.M12 * v.Y) + (m.M13 * v.Z),
        (m.M21 * v.X) + (m.M22 * v.Y) + (m.M23 * v.Z),
        (m.M31 * v.X) + (m.M32 * v.Y) + (m.M33 * v.Z));

    public static Matrix3x3 operator *(Matrix3x3 a, Matrix3x3 b) => FromColumns(a * b.Column1, a * b.Column2, a * b.Column3);

    public static Matrix3x3 operator +(Matrix3x3 a, Matrix3x3 b) => new(
        a.M11 + b.M11, a.M12 + b.M12, a.M13 + b.M13,
        a.M21 + b.M21, a.M22 + b.M22, a.M23 + b.M23,
        a.M31 + b.M31, a.M32 + b.M32, a.M33 + b.M33);
}
