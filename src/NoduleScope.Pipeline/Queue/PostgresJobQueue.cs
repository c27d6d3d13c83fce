using System.Data;
using System.Data.Common;
using Npgsql;

namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// The scale-out queue: several service or worker processes, on several machines, share one PostgreSQL database. Jobs
/// and sends are claimed with SELECT … FOR UPDATE SKIP LOCKED under leases renewed by heartbeats; a lease that expires
/// (worker killed, machine lost) puts the job back for another worker.
/// </summary>
public sealed class PostgresJobQueue : SqlJobQueue
{
    // Any constant shared by every process of the service: serialises concurrent schema creation.
    private const long SchemaLockKey = 0x4E6F64756C65;

    private readonly NpgsqlDataSource dataSource;

    public PostgresJobQueue(string connectionString, JobQueueOptions options, TimeProvider? timeProvider = null)
        : base(options, timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    protected override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    protected override string ForUpdate => " FOR UPDATE";

    protected override string AutoIdType => "BIGINT GENERATED ALWAYS AS IDENTITY";

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    protected override Task BeforeSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", SchemaLockKey));

    protected override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.UniqueViolation };
}
