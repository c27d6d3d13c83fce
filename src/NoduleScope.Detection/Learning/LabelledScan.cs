namespace NoduleScope.Detection.Learning;

/// <summary>A scan's candidates with labels, the nodules it holds and the regions excluded from scoring.</summary>
public sealed record LabelledScan(
    string Name,
    string Background,
    IReadOnlyList<LabelledCandidate> Candidates,
    IReadOnlyList<LesionRegion> Nodules,
    IReadOnlyList<LesionRegion> Excluded,
    double DetectSeconds);
