namespace NoduleScope.Imaging.Registration;

/// <summary>Solves small symmetric positive-definite systems A·x = b (the normal equations of a fit).</summary>
internal static class CholeskySolver
{
    /// <param name="a">n × n, row-major; only read.</param>
    /// <returns>False when A is not positive definite.</returns>
    public static bool TrySolve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> x)
    {
        int n = b.Length;
        Span<double> l = n <= 16 ? stackalloc double[n * n] : new double[n * n];
        l.Clear();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        Span<double> y = n <= 16 ? stackalloc double[n] : new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[(i * n) + k] * y[k];
            }

            y[i] = sum / l[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = y[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= l[(k * n) + i] * x[k];
            }

            x[i] = sum / l[(i * n) + i];
        }

        return true;
    }
}
