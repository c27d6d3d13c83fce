using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Candidates;

/// <summary>A possible nodule: where (world LPS mm), how big the blob looked, how strongly (the ranking value), and
/// which detector found it, with the blob filter's local shape when it came from the blob filter.</summary>
public sealed record Candidate(Vector3D Center, double RadiusMm, double Response, CandidateSource Source)
{
    /// <summary>Scale-normalised LoG response (HU) before ranking; 0 for dense components.</summary>
    public double Strength { get; init; }

    /// <summary>Hessian eigenvalue magnitudes at the blob's scale, largest first, scale-normalised (σ²|λ|, HU).</summary>
    public double Lambda1 { get; init; }

    public double Lambda2 { get; init; }

    public double Lambda3 { get; init; }

    /// <summary>How many of the three eigenvalues are negative (3 for a bright blob, 2 for a bright tube).</summary>
    public int NegativeEigenvalues { get; init; }

    /// <summary>For a blob maximum: the <see cref="BlobRankFeatures"/> it was ranked by.</summary>
    public float[]? RankFeatures { get; init; }

    /// <summary>The value suppression and the cap rank by, when it is not <see cref="Response"/>: for a blob maximum
    /// under a learned ranker, 1 / (1 + its better rank of the two orders, <see cref="CandidateGenerator.Rank"/>).</summary>
    public double? Priority { get; init; }

    /// <summary>What suppression and the cap rank by.</summary>
    public double RankValue => Priority ?? Response;

    /// <summary>For a mass: the region its segmentation may not leave (<see cref="MassRegion.Envelope"/>).</summary>
    public MaskVolume? Extent { get; init; }
}
