using NoduleScope.Detection.Candidates;

namespace NoduleScope.Detection.Learning;

/// <summary>A training scan's candidates before suppression and the cap (<see cref="CandidateGenerator.FindAll"/>), with
/// its nodules and excluded lesions.</summary>
public sealed record RankerScan(string Name, string Background, IReadOnlyList<Candidate> Maxima, IReadOnlyList<LesionRegion> Nodules, IReadOnlyList<LesionRegion> Excluded);
