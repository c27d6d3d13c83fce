using NoduleScope.Pipeline.Review;

namespace NoduleScope.Service.Review;

/// <summary>The studies a review host offers: one local detect output (<c>nodulescope review</c>) or every study the
/// service has processed.</summary>
public interface IReviewCatalog
{
    /// <summary>The worklist, in the host's order.</summary>
    Task<IReadOnlyList<ReviewWorklistEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The study with <paramref name="id"/>, or null when there is none (or it has no results yet).</summary>
    Task<ReviewStudy?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Where the user's pairings with the prior exam are kept for this study (pairs.json); null when the host
    /// cannot apply pairings (the local host: detect output has no prior).</summary>
    string? PairOverridesFile(string id);
}
