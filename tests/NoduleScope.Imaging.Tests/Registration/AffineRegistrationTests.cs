using NoduleScope.Imaging.Processing;
using NoduleScope.Imaging.Registration;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.TestSupport;

namespace NoduleScope.Imaging.Tests.Registration;

/// <summary>
/// The "current" scan is the phantom seen through a known transform (current(x) = prior(T(x))), so registration must
/// give T back. Errors are measured as displacement differences over the lungs' box.
/// </summary>
public sealed class AffineRegistrationTests
{
    private const int Size = 112;
    private const int Slices = 72;
    private const double Spacing = 2.5;

    /// <summary>Slices at each end whose lungs are filled with soft tissue, so that the lungs end inside the image (the
    /// phantom's lungs otherwise run through every slice and leave the scaling along z undetermined).</summary>
    private const int CapSlices = 10;

    private static readonly Lazy<CtVolume> Prior = new(() => GrowingNodulePhantoms.CapLungs(SyntheticChestPhantom.Create(Size, Slices, Spacing, seed: 11), CapSlices));

    [Fact]
    public void RecoversARigidTransform()
    {
        var truth = AffineTransform.Rigid(Degrees(3, -2, 5), new Vector3D(6, -9, 5), new Vector3D(10, 5, -8));

        var found = Register(truth, affine: false);

        AssertAgrees(truth, found, 1.0);
    }

    [Fact]
    public void RecoversAnAffineTransform()
    {
        // A deeper breath: longer and slightly wider lungs, with a little shear and a rotation.
        var linear = Matrix3x3.Rotation(Degrees(-2, 2, -4)) * new Matrix3x3(1.04, 0.02, 0, 0, 0.97, 0.01, 0.015, 0, 1.07);
        var truth = AffineTransform.AboutCentre(linear, Vector3D.Zero, new Vector3D(-5, 7, 8));

        var found = Register(truth, affine: true);

        AssertAgrees(truth, found, 1.5);
    }

    [Fact]
    public void TheLocalSearchFindsAResidualShiftAroundANodule()
    {
        var prior = SyntheticChestPhantom.Create(64, 40, 2.5, seed: 5);
        var nodule = SyntheticChestPhantom.Nodules(64, 40, 2.5, seed: 5)[2];
        var residual = new Vector3D(2.4, -1.7, 3.2);
        var current = TransformResampler.Resample(prior, prior.Grid, AffineTransform.Shift(residual), -1000);

        var result = LocalTranslationSearch.Search(current, prior, AffineTransform.Identity, nodule.Center - residual);

        AffineTransformTests.AssertClose(residual, result.ShiftMm, 0.6);
        Assert.True(result.Correlation > result.CorrelationAtZero);
        Assert.False(result.AtSearchBorder);
    }

    private static AffineTransform Register(AffineTransform truth, bool affine)
    {
        var prior = Prior.Value;
        var current = TransformResampler.Resample(prior, prior.Grid, truth, -1000);
        var grid = prior.Grid.Resampled(new Vector3D(4, 4, 4));
        var fixedImage = Features(current, grid);
        var moving = Features(prior, grid);
        var options = new RegistrationOptions { MaxSamples = 60_000 };
        var rigid = AffineRegistration.Register(fixedImage, null, moving, AffineTransform.Identity, TransformModel.Rigid, options);
        Assert.True(rigid.FinalCost < rigid.InitialCost);
        if (!affine)
        {
            return rigid.Transform;
        }

        return AffineRegistration.Register(fixedImage, null, moving, rigid.Transform, TransformModel.Affine, options).Transform;
    }

    /// <summary>Clipped to air … soft tissue and smoothed, as registration features usually are.</summary>
    private static FloatVolume Features(CtVolume volume, ImageGrid grid)
    {
        var hu = Resampler.ToGrid(volume, grid);
        foreach (ref float v in hu.Data.AsSpan())
        {
            v = Math.Clamp(v, -1000, 100);
        }

        return GaussianFilter.Smooth(hu, 4);
    }

    private static void AssertAgrees(AffineTransform truth, AffineTransform found, double toleranceMm)
    {
        // Lungs' box of the phantom: the middle half in x and y, the middle 80 % in z.
        double half = (Size - 1) * Spacing / 2, halfZ = (Slices - 1) * Spacing / 2;
        var min = new Vector3D(-half / 2, -half / 2, -0.8 * halfZ);
        var max = new Vector3D(half / 2, half / 2, 0.8 * halfZ);
        double worst = truth.Inverse().Then(found).MaxDisplacement(min, max);
        Assert.True(worst <= toleranceMm, $"registration off by up to {worst:0.00} mm over the lungs (truth {truth}, found {found})");
    }

    private static Vector3D Degrees(double x, double y, double z) => new Vector3D(x, y, z) * (Math.PI / 180);
}
