using Microsoft.Data.Sqlite;
using NoduleScope.Dicom;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Service.Configuration;
using NoduleScope.TestSupport;

namespace NoduleScope.Service.Tests;

/// <summary>
/// Durability of <c>nodulescope serve</c> as a child process: SIGKILL in the middle of receiving (storescu still
/// sending) and in the middle of processing, restart, and check that every instance acknowledged to storescu is on
/// disk and recorded, the interrupted job resumes after its lease expires, and each study is processed exactly once.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const string Scu = "STORESCU";
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Killed_while_receiving_and_while_processing_nothing_acknowledged_is_lost_and_each_study_is_processed_once()
    {
        Tools.Require("storescu", "apt-get install dcmtk");
        var a = Phantom("A");
        var b = Phantom("B");
        await RunAsync(a, b);
    }

    [Fact]
    public async Task The_same_holds_for_a_real_chest_ct()
    {
        Tools.Require("storescu", "apt-get install dcmtk");
        string real = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        var a = Directory.GetFiles(real, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        await RunAsync(a, Phantom("B"));
    }

    private async Task RunAsync(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int dicomPort = Tools.FreePort();
        int httpPort = Tools.FreePort();
        string store = folder["store"];
        var config = TestConfigs.Loopback(store, dicomPort, httpPort, $"{Scu}@127.0.0.1") with
        {
            Studies = new StudySettings { CloseAfterSeconds = 8, CheckIntervalSeconds = 0.5 },
        };
        string configPath = TestConfigs.Write(config, folder["config"]);
        string url = $"http://127.0.0.1:{httpPort}";

        // 1. Killed while study A is arriving.
        IReadOnlyList<string> acknowledged;
        await using (var first = ServiceProcess.Start(configPath, url))
        {
            await first.WaitHealthyAsync();
            using var sending = Storescu.Start(Scu, TestConfigs.Ae, dicomPort, a);
            await Tools.WaitUntilAsync(() => Task.FromResult(sending.Acknowledged.Count >= a.Count / 4), TimeSpan.FromMinutes(1), "storescu to get a quarter of study A acknowledged", () => sending.Log);
            first.Kill();
            await sending.WaitForExitAsync();
            acknowledged = sending.Acknowledged;
            Assert.True(acknowledged.Count < a.Count, "the service was killed only after the whole study had arrived");
            Assert.NotEqual(0, sending.ExitCode);
        }

        AssertRecordedOnDisk(store, acknowledged);

        // 2. Restarted: the sender sends study A again (as a PACS retries) and study B; killed while a job is processing.
        string killedJob;
        await using (var second = ServiceProcess.Start(configPath, url))
        {
            await second.WaitHealthyAsync();
            Assert.Equal(0, (await Storescu.SendAsync(Scu, TestConfigs.Ae, dicomPort, a)).ExitCode);
            Assert.Equal(0, (await Storescu.SendAsync(Scu, TestConfigs.Ae, dicomPort, b)).ExitCode);
            string? processing = null;
            await Tools.WaitUntilAsync(async () => (processing = (await second.JobsAsync("processing")).FirstOrDefault()?.Id) is not null,
                TimeSpan.FromMinutes(2), "a job to be processing", () => second.Output);
            second.Kill();
            killedJob = processing!;
        }

        AssertRecordedOnDisk(store, [.. a, .. b]);

        // 3. Restarted again: the interrupted job resumes once its lease has expired; everything ends done, once.
        await using var third = ServiceProcess.Start(configPath, url);
        await third.WaitHealthyAsync();
        await Tools.WaitUntilAsync(async () =>
        {
            var jobs = await third.JobsAsync();
            return jobs.Count == 2 && jobs.All(j => j.State is "done" or "failed" or "dead_letter");
        }, TimeSpan.FromMinutes(10), "both jobs to finish", () => third.Output);

        var studies = await third.StudiesAsync();
        Assert.Equal(2, studies.Count);
        Assert.Equal([a.Count, b.Count], studies.Select(s => (int)s.InstanceCount).Order());
        Assert.All(studies, s => Assert.Equal(("closed", 1L), (s.State, s.Revision)));
        var jobsDone = await third.JobsAsync();
        Assert.All(jobsDone, j => Assert.Equal(("done", (string?)null), (j.State, j.DuplicateOf)));
        Assert.Equal(studies.Select(s => s.Id).Order(), jobsDone.Select(j => j.StudyId).Order());

        // On a starved machine a resumed attempt can itself lose its lease and be taken over once more: what must hold is
        // that the killed attempt is recovered, the job ends done exactly once, and the results are the final attempt's.
        var resumed = await third.JobAsync(killedJob);
        Assert.True(resumed.Job.Attempts >= 2, $"{resumed.Job.Attempts} attempts");
        var states = resumed.Events.Select(e => e.To).ToList();
        Assert.Equal(["received", "queued", "processing", "queued", "processing"], states.Take(5));
        Assert.Equal("recovery", resumed.Events[3].Actor);
        Assert.Equal("done", states[^1]);
        Assert.Single(states, s => s == "done");
        Assert.Contains("findings.json", resumed.Results);
        Assert.Contains("dicom/SR.dcm", resumed.Results);
        var attempts = Directory.GetDirectories(Path.Combine(store, "results", killedJob)).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("1", attempts);
        Assert.Contains(resumed.Job.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), attempts);
    }

    /// <summary>Each file's SOP instance is recorded in the queue, and its stored file is on disk with that instance.</summary>
    private static void AssertRecordedOnDisk(string store, IEnumerable<string> files)
    {
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(store, "queue.db")};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT sop_instance_uid, path FROM ns_instances";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                recorded[reader.GetString(0)] = reader.GetString(1);
            }
        }

        foreach (string file in files)
        {
            string uid = DicomFile.OpenHeader(file).SopInstanceUid!;
            Assert.True(recorded.TryGetValue(uid, out string? relative), $"acknowledged instance {uid} ({Path.GetFileName(file)}) is not recorded");
            string stored = Path.Combine(store, relative);
            Assert.True(File.Exists(stored), $"recorded instance {uid} is not on disk at {relative}");
            Assert.Equal(uid, DicomFile.OpenHeader(stored).SopInstanceUid);
        }
    }

    private IReadOnlyList<string> Phantom(string name) =>
        DicomSeriesWriter.Write(SyntheticChestPhantom.Create(160, 100, 2.0, 3), folder["phantom-" + name], new DicomSeriesWriterOptions { Seed = "durability-" + name });
}
