using System.Globalization;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Pipeline.Tests;
using NoduleScope.Service.Configuration;
using NoduleScope.TestSupport;

namespace NoduleScope.Service.Tests;

/// <summary>
/// Scale-out as a hospital would run it: one receiving node (`workers.count: 0`) and two worker-only processes
/// (`dicom.enabled: false`), three `nodulescope serve` processes sharing one PostgreSQL queue (started by the test
/// setup) and one storage root. Each study is processed exactly once, and both worker processes get work.
/// </summary>
public sealed class ScaleOutTests(PostgresCluster cluster) : IDisposable
{
    private const string Scu = "STORESCU";
    private const int Studies = 6;
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Two_worker_processes_share_one_postgres_queue_and_process_each_study_once()
    {
        Tools.Require("storescu", "apt-get install dcmtk");
        string database = await cluster.CreateDatabaseAsync();
        string store = folder["store"];
        int dicomPort = Tools.FreePort();
        var queue = new QueueSettings { Provider = "postgres", Postgres = database, LeaseSeconds = 20, RetryBaseSeconds = 1, RetryMaxSeconds = 5 };
        var receiving = TestConfigs.Loopback(store, dicomPort, Tools.FreePort(), $"{Scu}@127.0.0.1") with
        {
            Queue = queue,
            Workers = new WorkerSettings { Count = 0 },
        };
        ServiceConfiguration WorkerOnly() => TestConfigs.Loopback(store, Tools.FreePort(), Tools.FreePort()) with
        {
            Queue = queue,
            Dicom = new DicomSettings { Enabled = false, AeTitle = TestConfigs.Ae },
            Workers = new WorkerSettings { Count = 1, PollSeconds = 0.2 },
        };

        await using var receiver = Start(receiving, "receiver");
        await receiver.WaitHealthyAsync();
        await using var workerA = Start(WorkerOnly(), "worker-a");
        await using var workerB = Start(WorkerOnly(), "worker-b");
        await workerA.WaitHealthyAsync();
        await workerB.WaitHealthyAsync();

        // All studies at once, so that their jobs are queued together and both workers are busy.
        var phantoms = Enumerable.Range(0, Studies)
            .Select(s => DicomSeriesWriter.Write(SyntheticChestPhantom.Create(128, 80, 2.0, 10 + s), folder["phantom-" + s], new DicomSeriesWriterOptions { Seed = "scale-out-" + s }))
            .ToList();
        var sent = await Task.WhenAll(phantoms.Select(files => Storescu.SendAsync(Scu, TestConfigs.Ae, dicomPort, files)));
        Assert.All(sent, r => Assert.Equal(0, r.ExitCode));

        await Tools.WaitUntilAsync(async () =>
        {
            var jobs = await receiver.JobsAsync();
            return jobs.Count == Studies && jobs.All(j => j.State is "done" or "failed" or "dead_letter");
        }, TimeSpan.FromMinutes(6), $"{Studies} jobs to finish", () => $"{receiver.Output}\n--- worker a\n{workerA.Output}\n--- worker b\n{workerB.Output}");

        var byProcess = new Dictionary<int, int> { [workerA.ProcessId] = 0, [workerB.ProcessId] = 0 };
        foreach (var summary in await receiver.JobsAsync())
        {
            var job = await receiver.JobAsync(summary.Id);
            Assert.Equal(("done", 1), (job.Job.State, job.Job.Attempts));
            Assert.Single(job.Events, e => e.To == "processing");
            var done = Assert.Single(job.Events, e => e.To == "done");
            int pid = int.Parse(done.Actor.Split('/')[1], CultureInfo.InvariantCulture);
            Assert.True(byProcess.ContainsKey(pid), $"job {summary.Id} was finished by '{done.Actor}', not by one of the two worker processes");
            byProcess[pid]++;
            Assert.Contains("findings.json", job.Results);
            Assert.Contains("dicom/SR.dcm", job.Results);
        }

        Assert.Equal(Studies, byProcess.Values.Sum());
        Assert.All(byProcess, p => Assert.True(p.Value > 0, $"worker process {p.Key} processed nothing: {string.Join(", ", byProcess)}"));
        Assert.Equal(Studies, (await receiver.StudiesAsync()).Count);
    }

    private ServiceProcess Start(ServiceConfiguration config, string name) =>
        ServiceProcess.Start(TestConfigs.Write(config, folder["config-" + name]), config.Http.Urls[0]);
}
