namespace NoduleScope.Pipeline.Workers;

/// <summary>How a <see cref="JobWorker"/> polls and where its results go.</summary>
public sealed record JobWorkerOptions
{
    /// <summary>Unique among every worker sharing the queue; recorded with each state change.</summary>
    public required string WorkerId { get; init; }

    /// <summary>Wait between polls while no job is ready.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The PACS results are queued for ("AE@host:port"); null sends nothing.</summary>
    public string? Destination { get; init; }

    /// <summary>A unique worker id for this process: host, process id, an index and a random suffix.</summary>
    public static string NewWorkerId(int index) =>
        $"{Environment.MachineName}/{Environment.ProcessId}/w{index}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
}
