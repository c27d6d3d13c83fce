namespace NoduleScope.Imaging.IO;

/// <summary>A 3×3 matrix given by its columns, with the few operations the NIfTI quaternion conversion needs.</summary>
internal readonly record struct Matrix3(Vector3D Column0, Vector3D Column1, Vector3D Column2)
{
    public double this[int row, int column] => Component(column switch { 0 => Column0, 1 => Column1, _ => Column2 }, row);

    public double Determinant => Column0.Dot(Column1.Cross(Column2));

    public Matrix3 Transpose() => new(
        new Vector3D(Column0.X, Column1.X, Column2.X),
        new Vector3D(Column0.Y, Column1.Y, Column2.Y),
        new Vector3D(Column0.Z, Column1.Z, Column2.Z));

    /// <summary>The inverse (the rows of the inverse are the cross products of the columns divided by the determinant).</summary>
    public Matrix3 Inverse()
    {
        double det = Determinant;
        return new Matrix3(Column1.Cross(Column2) / det, Column2.Cross(Column0) / det, Column0.Cross(Column1) / det).Transpose();
    }

    public static Matrix3 operator +(Matrix3 a, Matrix3 b) => new(a.Column0 + b.Column0, a.Column1 + b.Column1, a.Column2 + b.Column2);

    public static Matrix3 operator *(double s, Matrix3 m) => new(m.Column0 * s, m.Column1 * s, m.Column2 * s);

    /// <summary>Largest absolute row sum.</summary>
    public double RowNorm() => Math.Max(
        Math.Max(RowSum(Column0.X, Column1.X, Column2.X), RowSum(Column0.Y, Column1.Y, Column2.Y)),
        RowSum(Column0.Z, Column1.Z, Column2.Z));

    /// <summary>Largest absolute column sum.</summary>
    public double ColumnNorm() => Math.Max(Math.Max(ColumnSum(Column0), ColumnSum(Column1)), ColumnSum(Column2));

    /// <summary>Sum of absolute element differences.</summary>
    public double Distance(Matrix3 other) => ColumnSum(Column0 - other.Column0) + ColumnSum(Column1 - other.Column1) + ColumnSum(Column2 - other.Column2);

    /// <summary>
    /// The orthogonal matrix nearest to this one (polar decomposition by scaled Newton iteration, as nifti1_io's
    /// nifti_mat33_polar does), so that a sheared or slightly non-orthogonal direction matrix still gives a qform.
    /// </summary>
    public Matrix3 NearestOrthogonal()
    {
        Matrix3 x = this;
        double gamma = x.Determinant;
        while (gamma == 0)
        {
            gamma = 0.00001 * (0.001 + x.RowNorm());
            x = x + new Matrix3(new Vector3D(gamma, 0, 0), new Vector3D(0, gamma, 0), new Vector3D(0, 0, gamma));
            gamma = x.Determinant;
        }

        double difference = 1;
        for (int iteration = 0; ; iteration++)
        {
            Matrix3 y = x.Inverse();
            double scale = 1;
            if (difference > 0.3)
            {
                double alpha = Math.Sqrt(x.RowNorm() * x.ColumnNorm());
                double beta = Math.Sqrt(y.RowNorm() * y.ColumnNorm());
                scale = Math.Sqrt(beta / alpha);
            }

            Matrix3 z = 0.5 * ((scale * x) + ((1 / scale) * y.Transpose()));
            difference = z.Distance(x);
            if (iteration >= 100 || difference < 3e-6)
            {
                return z;
            }

            x = z;
        }
    }

    private static double Component(Vector3D v, int index) => index switch { 0 => v.X, 1 => v.Y, _ => v.Z };

    private static double RowSum(double a, double b, double c) => Math.Abs(a) + Math.Abs(b) + Math.Abs(c);

    private static double ColumnSum(Vector3D v) => Math.Abs(v.X) + Math.Abs(v.Y) + Math.Abs(v.Z);
}
