namespace NoduleScope.Pipeline.Queue;

/// <summary>One recorded state change of a job.</summary>
/// <param name="From">Null when the job was created.</param>
/// <param name="Actor">Who made the change: "receiver", "closer", or a worker id.</param>
public sealed record JobEvent(string JobId, DateTimeOffset At, JobState? From, JobState To, string Actor, string? Detail);
