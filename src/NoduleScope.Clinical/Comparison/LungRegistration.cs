using System.Diagnostics;
using System.Globalization;
using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;
using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// Aligns a prior chest CT to the current one by the lungs, which is what must line up for nodules to be compared:
/// first the lung shapes (signed distance maps of the two lung masks on a 4 mm grid: rigid, then affine for a different
/// breath-hold), then lung-window HU on the 2 mm lung grid (vessels and airways) with a robust loss. Starts from the
/// lung centroids at a few heights so different fields of view do not matter. Uses the lung masks detection already
/// made, so it costs a few seconds at most.
/// </summary>
public sealed class LungRegistration
{
    private const double DoubtfulDice = 0.85;

    private readonly LungRegistrationOptions options;

    public LungRegistration(LungRegistrationOptions? options = null)
    {
        this.options = options ?? new LungRegistrationOptions();
    }

    public ScanRegistration Register(CtVolume current, LungSegmentation currentLungs, CtVolume prior, LungSegmentation priorLungs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(currentLungs);
        ArgumentNullException.ThrowIfNull(prior);
        ArgumentNullException.ThrowIfNull(priorLungs);
        var total = Stopwatch.StartNew();
        var warnings = new List<string>();
        var stages = new List<RegistrationStage>();
        double s = options.CoarseSpacingMm;
        var currentMask = Resampler.ToGrid(currentLungs.Labels, currentLungs.Labels.Grid.Resampled(new Vector3D(s, s, s)));
        var priorMask = Resampler.ToGrid(priorLungs.Labels, priorLungs.Labels.Grid.Resampled(new Vector3D(s, s, s)));
        if (currentMask.CountNonZero() == 0 || priorMask.CountNonZero() == 0)
        {
            warnings.Add("No lungs were found on " + (currentMask.CountNonZero() == 0 ? "the current" : "the prior") +
                " scan: the scans are compared in their own coordinates, without registration.");
            return new ScanRegistration(AffineTransform.Identity, 0, 0, stages, total.Elapsed.TotalSeconds, warnings);
        }

        var currentShape = SignedDistanceMap.Compute(currentMask, options.DistanceClampMm);
        var priorShape = SignedDistanceMap.Compute(priorMask, options.DistanceClampMm);
        var band = new MaskVolume(currentShape.Grid);
        for (int i = 0; i < band.Data.Length; i++)
        {
            band.Data[i] = Math.Abs(currentShape.Data[i]) <= options.BandMm ? (byte)1 : (byte)0;
        }

        var registrationOptions = new RegistrationOptions { MaxSamples = options.MaxSamples };
        var start = Start(currentMask, priorMask, currentShape, band, priorShape);
        var rigid = Run("lung shape, rigid", currentShape, band, priorShape, start, TransformModel.Rigid, registrationOptions, stages, cancellationToken);
        var affine = Run("lung shape, affine", currentShape, band, priorShape, rigid.Transform, TransformModel.Affine, registrationOptions, stages, cancellationToken);
        var transform = affine.Transform;
        double dice = Dice(currentMask, priorMask, transform);

        if (options.RefineOnIntensity)
        {
            var currentHu = LungWindow(current, currentLungs);
            var priorHu = LungWindow(prior, priorLungs);
            // The lungs and 4 mm around them (the pleura, the mediastinal outline), from the coarse distance map.
            var distance = TransformResampler.Resample(currentShape, currentLungs.Labels.Grid, AffineTransform.Identity, (float)options.DistanceClampMm);
            var region = new MaskVolume(currentLungs.Labels.Grid);
            for (int i = 0; i < region.Data.Length; i++)
            {
                region.Data[i] = distance.Data[i] <= 4 ? (byte)1 : (byte)0;
            }

            var refined = Run("lung-window HU, affine", currentHu, region, priorHu, transform, TransformModel.Affine,
                registrationOptions with { HuberThreshold = options.IntensityHuberHu }, stages, cancellationToken);
            double refinedDice = Dice(currentMask, priorMask, refined.Transform);
            // The intensity stage may only fine-tune: a result that pulls the lung outlines apart is not used.
            if (refinedDice >= dice - 0.02)
            {
                transform = refined.Transform;
                dice = refinedDice;
            }
            else
            {
                warnings.Add(Invariant($"The intensity refinement lowered the lung overlap ({dice:0.000} → {refinedDice:0.000}) and was not used."));
            }
        }

        double before = Dice(currentMask, priorMask, AffineTransform.Identity);
        if (dice < DoubtfulDice)
        {
            warnings.Add(Invariant($"The lungs overlap poorly after registration (Dice {dice:0.00}): nodule matching may be wrong; check the pairs."));
        }

        double determinant = transform.Matrix.Determinant;
        if (determinant is < 0.7 or > 1.4)
        {
            warnings.Add(Invariant($"The registration changes the lung volume by a factor of {determinant:0.00}: check the scans are of the same patient and both cover the lungs."));
        }

        return new ScanRegistration(transform, before, dice, stages, total.Elapsed.TotalSeconds, warnings);
    }

    /// <summary>The lung centroids aligned, at the z offset whose shape cost is lowest.</summary>
    private AffineTransform Start(MaskVolume currentMask, MaskVolume priorMask, FloatVolume currentShape, MaskVolume band, FloatVolume priorShape)
    {
        var shift = Centroid(priorMask) - Centroid(currentMask);
        AffineTransform? best = null;
        double bestCost = double.PositiveInfinity;
        foreach (double dz in options.StartOffsetsZMm)
        {
            var candidate = AffineTransform.Shift(shift + new Vector3D(0, 0, dz));
            double cost = AffineRegistration.Cost(currentShape, band, priorShape, candidate, 30_000);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = candidate;
            }
        }

        return best ?? AffineTransform.Shift(shift);
    }

    private static RegistrationResult Run(string name, FloatVolume fixedImage, MaskVolume mask, FloatVolume moving, AffineTransform start, TransformModel model, RegistrationOptions registrationOptions, List<RegistrationStage> stages, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var result = AffineRegistration.Register(fixedImage, mask, moving, start, model, registrationOptions, cancellationToken);
        stages.Add(new RegistrationStage(name, model, fixedImage.Grid.Spacing.X, result.InitialCost, result.FinalCost, result.Iterations, result.Samples, watch.Elapsed.TotalSeconds));
        return result;
    }

    /// <summary>
    /// HU on the lung grid, clipped to air … water and shifted so the lungs' median is 0: a deeper breath makes the
    /// parenchyma darker everywhere, which would otherwise look like a difference to be registered away.
    /// </summary>
    private static FloatVolume LungWindow(CtVolume volume, LungSegmentation lungs)
    {
        var hu = Resampler.ToGrid(volume, lungs.Labels.Grid);
        var histogram = new int[1001];
        byte[] labels = lungs.Labels.Data;
        float[] data = hu.Data;
        int count = 0;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Math.Clamp(data[i], -1000, 0);
            if (labels[i] != 0)
            {
                histogram[(int)data[i] + 1000]++;
                count++;
            }
        }

        int median = -850, seen = 0;
        for (int b = 0; b < histogram.Length; b++)
        {
            seen += histogram[b];
            if (seen * 2 >= count)
            {
                median = b - 1000;
                break;
            }
        }

        for (int i = 0; i < data.Length; i++)
        {
            data[i] -= median;
        }

        return GaussianFilter.Smooth(hu, 1);
    }

    private static Vector3D Centroid(MaskVolume mask)
    {
        var g = mask.Grid;
        double x = 0, y = 0, z = 0;
        long n = 0;
        for (int k = 0, i = 0; k < g.SizeZ; k++)
        {
            for (int j = 0; j < g.SizeY; j++)
            {
                for (int ii = 0; ii < g.SizeX; ii++, i++)
                {
                    if (mask.Data[i] != 0)
                    {
                        x += ii;
                        y += j;
                        z += k;
                        n++;
                    }
                }
            }
        }

        return g.VoxelToWorld(x / n, y / n, z / n);
    }

    /// <summary>Dice of the current lung mask and the prior one seen through the transform (both lungs as one).</summary>
    private static double Dice(MaskVolume currentMask, MaskVolume priorMask, AffineTransform currentToPrior)
    {
        var prior = new FloatVolume(priorMask.Grid);
        for (int i = 0; i < prior.Data.Length; i++)
        {
            prior.Data[i] = priorMask.Data[i] != 0 ? 1 : 0;
        }

        var warped = TransformResampler.Resample(prior, currentMask.Grid, currentToPrior, 0);
        long both = 0, a = 0, b = 0;
        for (int i = 0; i < warped.Data.Length; i++)
        {
            bool inCurrent = currentMask.Data[i] != 0, inPrior = warped.Data[i] >= 0.5f;
            a += inCurrent ? 1 : 0;
            b += inPrior ? 1 : 0;
            both += inCurrent && inPrior ? 1 : 0;
        }

        return a + b == 0 ? 0 : 2.0 * both / (a + b);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
