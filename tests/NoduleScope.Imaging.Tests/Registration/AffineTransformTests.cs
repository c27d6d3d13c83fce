using NoduleScope.Imaging.Registration;

namespace NoduleScope.Imaging.Tests.Registration;

public sealed class AffineTransformTests
{
    [Fact]
    public void RotationAboutACentreKeepsTheCentreAndTurnsByTheAngle()
    {
        var centre = new Vector3D(10, -20, 30);
        var t = AffineTransform.Rigid(new Vector3D(0, 0, Math.PI / 2), Vector3D.Zero, centre);

        AssertClose(centre, t.Apply(centre), 1e-9);
        // A quarter turn about z takes +x to +y.
        AssertClose(centre + new Vector3D(0, 5, 0), t.Apply(centre + new Vector3D(5, 0, 0)), 1e-9);
        Assert.Equal(90, t.Matrix.RotationAngleDegrees, 6);
        Assert.Equal(1, t.Matrix.Determinant, 9);
    }

    [Fact]
    public void InverseAndCompositionUndoEachOther()
    {
        var t = AffineTransform.AboutCentre(
            Matrix3x3.Rotation(new Vector3D(0.1, -0.05, 0.2)) * Matrix3x3.Diagonal(1.05, 0.95, 1.1),
            new Vector3D(3, 4, 5), new Vector3D(7, -2, 11));
        var p = new Vector3D(-40, 55, 120);

        AssertClose(p, t.Inverse().Apply(t.Apply(p)), 1e-9);
        AssertClose(p, t.Then(t.Inverse()).Apply(p), 1e-9);
        var shift = AffineTransform.Shift(new Vector3D(1, 2, 3));
        AssertClose(t.Apply(p) + new Vector3D(1, 2, 3), t.Then(shift).Apply(p), 1e-9);
    }

    [Fact]
    public void SingularMatricesCannotBeInverted()
    {
        var flat = new AffineTransform(Matrix3x3.Diagonal(1, 1, 0), Vector3D.Zero);
        Assert.Throws<InvalidOperationException>(() => flat.Inverse());
    }

    internal static void AssertClose(Vector3D expected, Vector3D actual, double tolerance) =>
        Assert.True((expected - actual).Length <= tolerance, $"expected {expected}, got {actual} (off by {(expected - actual).Length:0.####})");
}
