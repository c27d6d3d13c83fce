using NoduleScope.Pipeline.Review;

namespace NoduleScope.Service.Review;

/// <summary>A worklist row: the study and how the host names it for the reviewer (in the response body only).</summary>
public sealed record ReviewWorklistEntry(ReviewStudy Study, string Label);
