namespace NoduleScope.Detection.Candidates;

public sealed record CandidateGeneratorOptions
{
    /// <summary>Isotropic working spacing, mm.</summary>
    public double WorkingSpacingMm { get; init; } = 1.0;

    /// <summary>Gaussian scales (mm) of the blob filter; a sphere of radius r responds most at σ = r / √3.</summary>
    public IReadOnlyList<double> ScalesMm { get; init; } = [0.9, 1.3, 1.9, 2.7, 3.9, 5.5];

    /// <summary>Smallest scale-normalised blob response (HU) kept.</summary>
    public double MinResponse { get; init; } = 40;

    /// <summary>Most candidates returned per scan (strongest first).</summary>
    public int MaxCandidates { get; init; } = 300;

    /// <summary>HU above which lung voxels count as dense for the component detector.</summary>
    public double DenseThresholdHu { get; init; } = -500;

    /// <summary>Equivalent diameters (mm) accepted by the component detector.</summary>
    public double MinComponentDiameterMm { get; init; } = 8;

    public double MaxComponentDiameterMm { get; init; } = 70;
}
