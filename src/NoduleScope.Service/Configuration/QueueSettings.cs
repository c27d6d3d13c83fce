namespace NoduleScope.Service.Configuration;

/// <summary>"queue": the job queue backend, leases and retries.</summary>
public sealed record QueueSettings
{
    /// <summary>"sqlite" (embedded, default) or "postgres" (scale-out).</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>SQLite database file; default queue.db in the storage root.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>Npgsql connection string (e.g. "Host=db;Database=nodulescope;Username=nodulescope"); the password is best
    /// given in the PGPASSWORD environment variable or a .pgpass file rather than here.</summary>
    public string? Postgres { get; init; }

    public double LeaseSeconds { get; init; } = 120;

    public int MaxAttempts { get; init; } = 5;

    public double RetryBaseSeconds { get; init; } = 10;

    public double RetryMaxSeconds { get; init; } = 600;
}
