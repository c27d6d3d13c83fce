namespace NoduleScope.Pipeline.Queue;

/// <summary>Leases, retries and the model version of a <see cref="IJobQueue"/> client.</summary>
public sealed record JobQueueOptions
{
    /// <summary>The version of the analysis this client queues and claims jobs for (software and operating point).</summary>
    public required string ModelVersion { get; init; }

    /// <summary>How long a claim lasts without a heartbeat; workers renew it about every third of this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Processing attempts before a job goes to the dead-letter state.</summary>
    public int MaxAttempts { get; init; } = 5;

    public RetryPolicy Retry { get; init; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));

    /// <summary>Tries to send one result file before it is marked failed.</summary>
    public int SendMaxAttempts { get; init; } = 10;

    public RetryPolicy SendRetry { get; init; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(30));

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelVersion);
        if (LeaseDuration < TimeSpan.FromMilliseconds(100))
        {
            throw new ArgumentException("LeaseDuration must be at least 100 ms");
        }

        if (MaxAttempts < 1 || SendMaxAttempts < 1)
        {
            throw new ArgumentException("MaxAttempts and SendMaxAttempts must be at least 1");
        }
    }
}
