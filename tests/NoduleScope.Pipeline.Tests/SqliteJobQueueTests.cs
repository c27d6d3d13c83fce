using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Pipeline.Tests;

/// <summary>The queue contract on the embedded SQLite backend (a file in WAL mode).</summary>
public sealed class SqliteJobQueueTests : JobQueueContract, IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    protected override Task<string> NewStoreAsync() => Task.FromResult(folder[Guid.NewGuid().ToString("N") + "/queue.db"]);

    protected override IJobQueue Open(string store, JobQueueOptions options, TimeProvider clock) => new SqliteJobQueue(store, options, clock);

    [Fact]
    public async Task The_database_is_in_wal_mode_and_survives_reopening()
    {
        string path = await NewStoreAsync();
        await using (var q = new SqliteJobQueue(path, Options("v1")))
        {
            await q.InitializeAsync();
            await q.RecordInstanceAsync(new ReceivedInstance("1.2.3", "1.2.840.10008.5.1.4.1.1.2", "1.2.9", "1.2.9.1", "instances/a.dcm", "ab", 1, "SCU"));
        }

        Assert.True(File.Exists(path + "-wal") || File.Exists(path));
        await using var reopened = new SqliteJobQueue(path, Options("v1"));
        await reopened.InitializeAsync();
        Assert.Equal(1, (await reopened.GetStatisticsAsync()).Instances);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
    }
}
