namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// How far apart (after registration) a current and a prior nodule may be and still be the same: the tolerance
/// σ = <see cref="BaseToleranceMm"/> + <see cref="SizeFraction"/> × the larger mean diameter (the centre of a larger
/// nodule is less certain, and it may grow unevenly); pairs beyond <see cref="GateSigmas"/> σ are never matched.
/// </summary>
public sealed record MatchingOptions
{
    public double BaseToleranceMm { get; init; } = 2;

    public double SizeFraction { get; init; } = 0.25;

    public double GateSigmas { get; init; } = 3;

    public double Tolerance(double diameterA, double diameterB) => BaseToleranceMm + (SizeFraction * Math.Max(diameterA, diameterB));

    public double Gate(double diameterA, double diameterB) => GateSigmas * Tolerance(diameterA, diameterB);

    /// <summary>exp(−½ (d/σ)²): 1 for coincident centres, 0.61 at one σ, 0.01 at the gate.</summary>
    public double Confidence(double distanceMm, double diameterA, double diameterB)
    {
        double z = distanceMm / Tolerance(diameterA, diameterB);
        return Math.Exp(-0.5 * z * z);
    }
}
