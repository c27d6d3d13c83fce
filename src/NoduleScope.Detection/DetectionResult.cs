using NoduleScope.Detection.Lungs;

namespace NoduleScope.Detection;

/// <summary>Everything one detection run produced, with the seconds each stage took.</summary>
public sealed record DetectionResult(
    LungSegmentation Lungs,
    IReadOnlyList<ScoredCandidate> Candidates,
    IReadOnlyList<DetectedNodule> Findings,
    IReadOnlyList<StageTiming> Timings,
    IReadOnlyList<string> Warnings,
    string ScorerName,
    string ScorerHash)
{
    /// <summary>Which ranking chose the candidates (<see cref="Candidates.CandidateGenerator.RankerDescription"/>).</summary>
    public string? Ranker { get; init; }
}
