using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// The embedded queue: one SQLite file in WAL mode with synchronous=FULL, so a commit is on disk before the C-STORE
/// it records is acknowledged. Needs no set-up; several processes on one machine may share the file (a receiver and
/// separate worker processes), serialised by SQLite's write lock.
/// </summary>
public sealed class SqliteJobQueue : SqlJobQueue
{
    private readonly string connectionString;
    private readonly SemaphoreSlim writeGate = new(1, 1);

    public SqliteJobQueue(string databasePath, JobQueueOptions options, TimeProvider? timeProvider = null)
        : base(options, timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    protected override string SkipLocked => string.Empty;

    protected override string ForUpdate => string.Empty;

    protected override string AutoIdType => "INTEGER";

    protected override SemaphoreSlim? WriteGate => writeGate;

    public override async ValueTask DisposeAsync()
    {
        writeGate.Dispose();
        SqliteConnection.ClearAllPools();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = connection.CreateCommand();

            // journal_mode is stored in the file; the others hold per connection. FULL syncs the WAL at every commit.
            cmd.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));

    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED
}
