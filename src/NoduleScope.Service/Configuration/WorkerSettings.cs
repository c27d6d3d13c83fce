namespace NoduleScope.Service.Configuration;

/// <summary>"workers": processing in this process.</summary>
public sealed record WorkerSettings
{
    /// <summary>Worker loops; 0 for a receive-only node (other processes sharing the queue do the processing).</summary>
    public int Count { get; init; } = 1;

    public double PollSeconds { get; init; } = 1;
}
