namespace NoduleScope.Service.Api;

/// <summary>A job with every recorded state change, its result files and its sends to the PACS.</summary>
public sealed record JobDetail(JobSummary Job, IReadOnlyList<JobEventView> Events, IReadOnlyList<string> Results, IReadOnlyList<SendView> Sends);
