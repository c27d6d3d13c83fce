using NoduleScope.Imaging;

namespace NoduleScope.Detection.Candidates;

/// <summary>A possible nodule: where (world LPS mm), how big the blob looked, how strongly, and which detector found it.</summary>
public sealed record Candidate(Vector3D Center, double RadiusMm, double Response, CandidateSource Source);
