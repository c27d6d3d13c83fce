using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Pipeline.Workers;

namespace NoduleScope.Pipeline.Tests;

/// <summary>
/// Scale-out: two workers, each with its own queue client and connections (as two processes on two machines would
/// have), share one PostgreSQL queue. Every job is processed exactly once and both workers get work.
/// </summary>
public sealed class PostgresScaleOutTests(PostgresCluster cluster) : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Two_workers_share_the_jobs_and_process_each_once()
    {
        string database = await cluster.CreateDatabaseAsync();
        var options = new JobQueueOptions { ModelVersion = "v1", LeaseDuration = TimeSpan.FromSeconds(10) };
        await using var receiver = new PostgresJobQueue(database, options);
        await receiver.InitializeAsync();
        const int Studies = 12;
        for (int s = 0; s < Studies; s++)
        {
            for (int i = 0; i < 3; i++)
            {
                await receiver.RecordInstanceAsync(new ReceivedInstance($"1.2.3.{s}.{i}", "1.2.840.10008.5.1.4.1.1.2", $"1.2.3.{s}", $"1.2.3.{s}.0", $"instances/{s}-{i}.dcm", $"{s:x4}{i:x4}", 1, "SCU"));
            }
        }

        Assert.Equal(Studies, (await receiver.CloseIdleStudiesAsync(TimeSpan.Zero)).Count);

        var storage = new StorageRoot(folder.Path);
        var processor = new RecordingProcessor(TimeSpan.FromMilliseconds(150));
        await using var queueA = new PostgresJobQueue(database, options);
        await using var queueB = new PostgresJobQueue(database, options);
        var workerA = new JobWorker(queueA, processor, storage, new JobWorkerOptions { WorkerId = "machine-a/w0", PollInterval = TimeSpan.FromMilliseconds(50), Destination = "PACS@pacs:104" });
        var workerB = new JobWorker(queueB, processor, storage, new JobWorkerOptions { WorkerId = "machine-b/w0", PollInterval = TimeSpan.FromMilliseconds(50), Destination = "PACS@pacs:104" });
        using var stop = new CancellationTokenSource();
        var running = new[] { Task.Run(() => workerA.RunAsync(stop.Token)), Task.Run(() => workerB.RunAsync(stop.Token)) };

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await receiver.GetStatisticsAsync()).Jobs[JobState.Done] < Studies && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await Task.WhenAll(running);

        var processed = processor.Processed.ToList();
        Assert.Equal(Studies, processed.Count);
        Assert.Equal(Studies, processed.Select(p => p.JobId).Distinct().Count());
        Assert.All(processed, p => Assert.Equal(3, p.InstanceCount));
        Assert.Contains(processed, p => p.WorkerId == "machine-a/w0");
        Assert.Contains(processed, p => p.WorkerId == "machine-b/w0");

        var jobs = await receiver.ListJobsAsync(null, null, 100);
        Assert.All(jobs, j => Assert.Equal((JobState.Done, 1), (j.State, j.Attempts)));
        foreach (var job in jobs)
        {
            var worker = processed.Single(p => p.JobId == job.Id).WorkerId;
            Assert.Equal(worker, (await receiver.GetJobEventsAsync(job.Id)).Single(e => e.To == JobState.Done).Actor);
            Assert.Equal(job.Id, await File.ReadAllTextAsync(storage.Resolve(job.ResultPath! + "/dicom/SR.dcm")));
            Assert.Single(await receiver.GetSendsAsync(job.Id));
        }
    }
}
