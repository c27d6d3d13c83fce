namespace NoduleScope.Imaging.Series;

/// <summary>The series chosen for nodule detection (null when none is usable), why, and every candidate ranked.</summary>
public sealed record SeriesSelection(SeriesInfo? Chosen, string Reason, IReadOnlyList<SeriesCandidate> Ranking);
