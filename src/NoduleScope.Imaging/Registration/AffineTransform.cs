namespace NoduleScope.Imaging.Registration;

/// <summary>
/// A world-to-world map y = Matrix · x + Translation (LPS, mm). Registration results map the fixed (current) image's
/// points to where the same anatomy lies in the moving (prior) image.
/// </summary>
public sealed record AffineTransform(Matrix3x3 Matrix, Vector3D Translation)
{
    public static AffineTransform Identity { get; } = new(Matrix3x3.Identity, Vector3D.Zero);

    public static AffineTransform Shift(Vector3D translation) => new(Matrix3x3.Identity, translation);

    /// <summary>x → L·(x − centre) + centre + translation, for any linear part L (rotation, scaling, shear).</summary>
    public static AffineTransform AboutCentre(Matrix3x3 linear, Vector3D centre, Vector3D translation) =>
        new(linear, centre - (linear * centre) + translation);

    /// <summary>x → R·(x − centre) + centre + translation with R the rotation by <paramref name="rotationVector"/> (radians).</summary>
    public static AffineTransform Rigid(Vector3D rotationVector, Vector3D translation, Vector3D centre) =>
        AboutCentre(Matrix3x3.Rotation(rotationVector), centre, translation);

    public Vector3D Apply(Vector3D point) => (Matrix * point) + Translation;

    /// <summary>Transforms a direction or offset (no translation).</summary>
    public Vector3D ApplyToVector(Vector3D vector) => Matrix * vector;

    /// <exception cref="InvalidOperationException">The linear part is singular.</exception>
    public AffineTransform Inverse()
    {
        var inverse = Matrix.Inverse();
        return new AffineTransform(inverse, inverse * (Vector3D.Zero - Translation));
    }

    /// <summary>The map that applies this transform first, then <paramref name="next"/>.</summary>
    public AffineTransform Then(AffineTransform next) => new(next.Matrix * Matrix, (next.Matrix * Translation) + next.Translation);

    /// <summary>Largest displacement |T(x) − x| over the corners of the box [min, max], mm.</summary>
    public double MaxDisplacement(Vector3D min, Vector3D max)
    {
        double largest = 0;
        for (int corner = 0; corner < 8; corner++)
        {
            var p = new Vector3D((corner & 1) == 0 ? min.X : max.X, (corner & 2) == 0 ? min.Y : max.Y, (corner & 4) == 0 ? min.Z : max.Z);
            largest = Math.Max(largest, (Apply(p) - p).Length);
        }

        return largest;
    }
}
