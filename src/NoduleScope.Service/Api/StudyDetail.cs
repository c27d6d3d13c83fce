namespace NoduleScope.Service.Api;

/// <summary>A study with all its jobs (one per processing: late instances and new model versions add jobs).</summary>
public sealed record StudyDetail(StudySummary Study, IReadOnlyList<JobSummary> Jobs, IReadOnlyList<string> Results);
