using NoduleScope.Detection.Learning;

namespace NoduleScope.Detection.Candidates;

public sealed record CandidateGeneratorOptions
{
    /// <summary>Isotropic working spacing, mm.</summary>
    public double WorkingSpacingMm { get; init; } = 1.0;

    /// <summary>Gaussian scales (mm) of the blob filter; a sphere of radius r responds most at σ = r / √3.</summary>
    public IReadOnlyList<double> ScalesMm { get; init; } = [0.9, 1.3, 1.9, 2.7, 3.9, 5.5];

    /// <summary>Smallest scale-normalised blob response (HU) kept.</summary>
    public double MinResponse { get; init; } = 40;

    /// <summary>Blob maxima are ranked by response × (this + dotness): a bright tube or plate (dotness 0) counts this
    /// share of its response, so vessels and fissures do not fill the candidate budget.</summary>
    public double TubeRankWeight { get; init; } = 0.1;

    /// <summary>A learned ranker of blob maxima over <see cref="BlobRankFeatures"/> (the shipped one by default, none in
    /// a build without it): when set, maxima are ranked by the better of their hand-set and learned ranks
    /// (<see cref="CandidateGenerator.Rank"/>); null keeps the hand-set ranking alone.</summary>
    public GradientBoostedTrees? Ranker { get; init; } = BlobRankerModel.Embedded;

    /// <summary>Blob maxima are also taken this far (mm) outside the lung mask: the peak of a nodule on the pleura can
    /// lie just past the mask's edge.</summary>
    public double LungRimMm { get; init; } = 2;

    /// <summary>Most candidates returned per scan (strongest first).</summary>
    public int MaxCandidates { get; init; } = 300;

    /// <summary>HU above which lung voxels count as dense for the component detector.</summary>
    public double DenseThresholdHu { get; init; } = -500;

    /// <summary>Equivalent diameters (mm) accepted by the component detector.</summary>
    public double MinComponentDiameterMm { get; init; } = 8;

    public double MaxComponentDiameterMm { get; init; } = 70;

    /// <summary>Radius (mm) of the ball that must fit inside the dense tissue for the mass finder to consider it: a
    /// round 3 cm mass holds a 15 mm ball; the aorta and the mediastinal strips a lung's hull takes in hold at most
    /// about 14.6 mm on the real CTs (docs/benchmarks.md).</summary>
    public double MassCoreRadiusMm { get; init; } = 15;

    /// <summary>How far (mm) beyond the ball the mass finder's rays look for the lung.</summary>
    public double MassRayReachMm { get; init; } = 30;

    /// <summary>Smallest <see cref="MassRegion.Enclosure"/> (lung fraction of all rays plus the smaller of the lung
    /// fractions up and down) of a mass. Measured on the real CTs (docs/benchmarks.md): 1.28 for the Lung-PET-CT-Dx A0001
    /// mass; at most 1.12 for anything else (the heart's upper surface in tcga-de-a4ma-thorax), 0.96 in A0001.</summary>
    public double MassMinEnclosure { get; init; } = 1.2;
}
