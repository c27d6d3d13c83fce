using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;

namespace NoduleScope.Cli.Review;

/// <summary>The one study of <c>nodulescope review</c>: a detect output folder.</summary>
internal sealed class LocalReviewCatalog(ReviewStudy study) : IReviewCatalog
{
    public const string Label = "Local study (detect results)";

    public Task<IReadOnlyList<ReviewWorklistEntry>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReviewWorklistEntry>>([new ReviewWorklistEntry(study, Label)]);

    public Task<ReviewStudy?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(id == study.Id ? study : null);

    public string? PairOverridesFile(string id) => null;
}
