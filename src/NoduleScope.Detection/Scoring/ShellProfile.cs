namespace NoduleScope.Detection.Scoring;

/// <summary>
/// HU sampled on spheres around a candidate at multiples of its radius R (0.5, 1, 1.5, 2, 3 R): the mean on each
/// shell, how much of the 1.5 R and 2 R shells is dense (above −500 HU), how often two opposite directions are both
/// dense at 2 R (a vessel passing through), the densest hemisphere at 2 R (chest wall), and the spread at R.
/// </summary>
public sealed record ShellProfile
{
    public static readonly double[] RadiusMultiples = [0.5, 1.0, 1.5, 2.0, 3.0];

    public static ShellProfile Empty { get; } = new() { CentreHu = -1000, MeanHu = [-1000, -1000, -1000, -1000, -1000] };

    public required double CentreHu { get; init; }

    /// <summary>Mean HU on each shell of <see cref="RadiusMultiples"/>.</summary>
    public required double[] MeanHu { get; init; }

    public double DenseFraction15 { get; init; }

    public double DenseFraction20 { get; init; }

    public double AntipodalDense20 { get; init; }

    public double HemisphereDense20 { get; init; }

    public double SdHu10 { get; init; }
}
