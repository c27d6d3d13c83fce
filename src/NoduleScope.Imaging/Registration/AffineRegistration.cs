using NoduleScope.Imaging.Processing;

namespace NoduleScope.Imaging.Registration;

/// <summary>
/// Intensity-based registration of two images by Levenberg–Marquardt on the sum of squared differences (optionally a
/// Huber loss): finds T so that moving(T(x)) ≈ fixed(x) over the fixed samples. Each step linearises the moving image
/// with the exact gradient of its trilinear interpolant and solves for a small update composed after the current
/// transform (rotation vector or linear part about the samples' centre, plus a translation), so that rotations stay
/// rotations and the parameters keep comparable scales.
/// </summary>
public static class AffineRegistration
{
    private const int ChunkSize = 4096;

    public static RegistrationResult Register(FloatVolume fixedImage, MaskVolume? fixedMask, FloatVolume moving, AffineTransform initial, TransformModel model, RegistrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixedImage);
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(initial);
        options ??= new RegistrationOptions();
        var samples = RegistrationSamples.Create(fixedImage, fixedMask, options.MaxSamples);
        int p = ParameterCount(model);
        var problem = new Problem(samples, moving, model, options.HuberThreshold);
        var transform = initial;
        var current = problem.Evaluate(transform);
        double initialCost = current.MeanCost;
        if (current.Valid < 10 * p)
        {
            return new RegistrationResult(transform, initialCost, initialCost, 0, samples.Count, current.Valid / (double)Math.Max(1, samples.Count));
        }

        double lambda = 1e-3;
        int iterations = 0;
        var system = new double[p * p];
        var step = new double[p];
        var rhs = new double[p];
        while (iterations < options.MaxIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations++;
            bool accepted = false;
            while (!accepted && lambda < 1e10)
            {
                for (int i = 0; i < p; i++)
                {
                    for (int j = 0; j < p; j++)
                    {
                        system[(i * p) + j] = current.Hessian[(i * p) + j];
                    }

                    system[(i * p) + i] += (lambda * current.Hessian[(i * p) + i]) + 1e-12;
                    rhs[i] = -current.Gradient[i];
                }

                if (!CholeskySolver.TrySolve(system, rhs, step))
                {
                    lambda *= 10;
                    continue;
                }

                var candidate = Update(transform, step, model, transform.Apply(samples.Centre));
                var trial = problem.Evaluate(candidate);
                if (trial.Valid >= 10 * p && trial.MeanCost < current.MeanCost)
                {
                    transform = candidate;
                    current = trial;
                    lambda = Math.Max(lambda / 10, 1e-9);
                    accepted = true;
                }
                else
                {
                    lambda *= 10;
                }
            }

            if (!accepted || StepSizeMm(step, model, samples.Radius) < options.ToleranceMm)
            {
                break;
            }
        }

        return new RegistrationResult(transform, initialCost, current.MeanCost, iterations, samples.Count, current.Valid / (double)Math.Max(1, samples.Count));
    }

    /// <summary>The mean loss of a transform over the samples, without optimising (to compare starting points).</summary>
    public static double Cost(FloatVolume fixedImage, MaskVolume? fixedMask, FloatVolume moving, AffineTransform transform, int maxSamples = 50_000, double? huberThreshold = null)
    {
        var samples = RegistrationSamples.Create(fixedImage, fixedMask, maxSamples);
        var result = new Problem(samples, moving, TransformModel.Translation, huberThreshold).Evaluate(transform, derivatives: false);
        return result.Valid == 0 ? double.PositiveInfinity : result.MeanCost;
    }

    private static int ParameterCount(TransformModel model) => model switch
    {
        TransformModel.Translation => 3,
        TransformModel.Rigid => 6,
        _ => 12,
    };

    /// <summary>The update composed after <paramref name="transform"/>, about the transformed centre.</summary>
    private static AffineTransform Update(AffineTransform transform, ReadOnlySpan<double> step, TransformModel model, Vector3D centre)
    {
        AffineTransform delta = model switch
        {
            TransformModel.Translation => AffineTransform.Shift(new Vector3D(step[0], step[1], step[2])),
            TransformModel.Rigid => AffineTransform.Rigid(new Vector3D(step[0], step[1], step[2]), new Vector3D(step[3], step[4], step[5]), centre),
            _ => AffineTransform.AboutCentre(
                Matrix3x3.Identity + Matrix3x3.FromRowMajor(step[..9]), centre, new Vector3D(step[9], step[10], step[11])),
        };
        return transform.Then(delta);
    }

    /// <summary>An upper bound of how far the update moves a sample within <paramref name="radius"/> of the centre.</summary>
    private static double StepSizeMm(ReadOnlySpan<double> step, TransformModel model, double radius)
    {
        double Norm(ReadOnlySpan<double> v)
        {
            double sum = 0;
            foreach (double d in v)
            {
                sum += d * d;
            }

            return Math.Sqrt(sum);
        }

        return model switch
        {
            TransformModel.Translation => Norm(step),
            TransformModel.Rigid => Norm(step[3..]) + (Norm(step[..3]) * radius),
            _ => Norm(step[9..]) + (Norm(step[..9]) * radius),
        };
    }

    private sealed class Accumulation
    {
        public Accumulation(int parameters)
        {
            Hessian = new double[parameters * parameters];
            Gradient = new double[parameters];
        }

        public double[] Hessian { get; }

        public double[] Gradient { get; }

        public double Cost { get; set; }

        public long Valid { get; set; }

        public double MeanCost => Valid == 0 ? double.PositiveInfinity : Cost / Valid;

        public void Add(Accumulation other)
        {
            for (int i = 0; i < Hessian.Length; i++)
            {
                Hessian[i] += other.Hessian[i];
            }

            for (int i = 0; i < Gradient.Length; i++)
            {
                Gradient[i] += other.Gradient[i];
            }

            Cost += other.Cost;
            Valid += other.Valid;
        }

        /// <summary>Fills the lower triangle from the upper one.</summary>
        public void Symmetrise()
        {
            int p = Gradient.Length;
            for (int i = 0; i < p; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    Hessian[(i * p) + j] = Hessian[(j * p) + i];
                }
            }
        }
    }

    private sealed class Problem(RegistrationSamples samples, FloatVolume moving, TransformModel model, double? huber)
    {
        private readonly AffineTransform worldToIndex = new AffineTransform(GridAffine.IndexToWorld(moving.Grid), moving.Grid.Origin).Inverse();

        public Accumulation Evaluate(AffineTransform transform, bool derivatives = true)
        {
            int p = ParameterCount(model);
            var total = new Accumulation(p);
            var lockObject = new object();
            // Sample world point → moving index, and moving index gradient → world gradient (the inverse transpose).
            var toIndex = transform.Then(worldToIndex);
            var gradientToWorld = worldToIndex.Matrix.Transposed;
            var centre = transform.Apply(samples.Centre);
            int chunks = (samples.Count + ChunkSize - 1) / ChunkSize;
            Parallel.For(0, chunks, () => new Accumulation(p), (chunk, _, local) =>
            {
                Accumulate(chunk * ChunkSize, Math.Min(samples.Count, (chunk + 1) * ChunkSize), transform, toIndex, gradientToWorld, centre, derivatives, local);
                return local;
            }, local =>
            {
                lock (lockObject)
                {
                    total.Add(local);
                }
            });
            total.Symmetrise();
            return total;
        }

        private void Accumulate(int start, int end, AffineTransform transform, AffineTransform toIndex, Matrix3x3 gradientToWorld, Vector3D centre, bool derivatives, Accumulation acc)
        {
            var data = moving.Data.AsSpan();
            var g = moving.Grid;
            int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ;
            var a = toIndex.Matrix;
            var b = toIndex.Translation;
            var m = transform.Matrix;
            var t = transform.Translation;
            int p = acc.Gradient.Length;
            Span<double> j = stackalloc double[12];
            double[] h = acc.Hessian, grad = acc.Gradient;
            double cost = 0;
            long valid = 0;
            double k = huber ?? double.PositiveInfinity;
            for (int s = start; s < end; s++)
            {
                double x = samples.X[s], y = samples.Y[s], z = samples.Z[s];
                double ix = (a.M11 * x) + (a.M12 * y) + (a.M13 * z) + b.X;
                double iy = (a.M21 * x) + (a.M22 * y) + (a.M23 * z) + b.Y;
                double iz = (a.M31 * x) + (a.M32 * y) + (a.M33 * z) + b.Z;
                float value, dx = 0, dy = 0, dz = 0;
                bool inside = derivatives
                    ? VolumeSampler.TrySampleWithGradient(data, nx, ny, nz, ix, iy, iz, out value, out dx, out dy, out dz)
                    : VolumeSampler.TrySample(data, nx, ny, nz, ix, iy, iz, out value);
                if (!inside)
                {
                    continue;
                }

                double r = value - samples.Values[s];
                double abs = Math.Abs(r);
                double weight = abs <= k ? 1 : k / abs;
                cost += abs <= k ? 0.5 * r * r : k * (abs - (0.5 * k));
                valid++;
                if (!derivatives)
                {
                    continue;
                }

                double gx = (gradientToWorld.M11 * dx) + (gradientToWorld.M12 * dy) + (gradientToWorld.M13 * dz);
                double gy = (gradientToWorld.M21 * dx) + (gradientToWorld.M22 * dy) + (gradientToWorld.M23 * dz);
                double gz = (gradientToWorld.M31 * dx) + (gradientToWorld.M32 * dy) + (gradientToWorld.M33 * dz);
                double ox = (m.M11 * x) + (m.M12 * y) + (m.M13 * z) + t.X - centre.X;
                double oy = (m.M21 * x) + (m.M22 * y) + (m.M23 * z) + t.Y - centre.Y;
                double oz = (m.M31 * x) + (m.M32 * y) + (m.M33 * z) + t.Z - centre.Z;
                switch (model)
                {
                    case TransformModel.Translation:
                        j[0] = gx;
                        j[1] = gy;
                        j[2] = gz;
                        break;
                    case TransformModel.Rigid:
                        // d/dω of g·(ω × o) is o × g.
                        j[0] = (oy * gz) - (oz * gy);
                        j[1] = (oz * gx) - (ox * gz);
                        j[2] = (ox * gy) - (oy * gx);
                        j[3] = gx;
                        j[4] = gy;
                        j[5] = gz;
                        break;
                    default:
                        j[0] = gx * ox;
                        j[1] = gx * oy;
                        j[2] = gx * oz;
                        j[3] = gy * ox;
                        j[4] = gy * oy;
                        j[5] = gy * oz;
                        j[6] = gz * ox;
                        j[7] = gz * oy;
                        j[8] = gz * oz;
                        j[9] = gx;
                        j[10] = gy;
                        j[11] = gz;
                        break;
                }

                double wr = weight * r;
                for (int row = 0; row < p; row++)
                {
                    double wj = weight * j[row];
                    grad[row] += j[row] * wr;
                    int offset = row * p;
                    for (int col = row; col < p; col++)
                    {
                        h[offset + col] += wj * j[col];
                    }
                }
            }

            acc.Cost += cost;
            acc.Valid += valid;
        }
    }
}
