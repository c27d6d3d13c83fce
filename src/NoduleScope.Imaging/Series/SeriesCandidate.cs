namespace NoduleScope.Imaging.Series;

/// <summary>A series as scored by <see cref="SeriesSelector"/>; <see cref="Score"/> is null when it cannot be used.</summary>
public sealed record SeriesCandidate(SeriesInfo Series, double? Score, string Note);
