using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Pipeline.Tests;

/// <summary>The queue contract on PostgreSQL (a throwaway cluster started for the test run; skipped without the binaries).</summary>
public sealed class PostgresJobQueueTests(PostgresCluster cluster) : JobQueueContract
{
    protected override Task<string> NewStoreAsync() => cluster.CreateDatabaseAsync();

    protected override IJobQueue Open(string store, JobQueueOptions options, TimeProvider clock) => new PostgresJobQueue(store, options, clock);
}
