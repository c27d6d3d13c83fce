using NoduleScope.Imaging;

namespace NoduleScope.Detection.Learning;

/// <summary>One candidate of a scan: where it was reported, its feature vector and what it really is.</summary>
public sealed record LabelledCandidate(Vector3D Position, float[] Features, CandidateLabel Label);
