using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Scoring;
using NoduleScope.Detection.Segmentation;

namespace NoduleScope.Detection;

/// <summary>A candidate with its features, segmentation (when one was possible) and probability.</summary>
public sealed record ScoredCandidate(Candidate Candidate, CandidateFeatures Features, NoduleSegmentation? Segmentation, double Probability);
