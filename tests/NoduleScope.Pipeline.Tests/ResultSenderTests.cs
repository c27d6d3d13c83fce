using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using NoduleScope.Dicom.Network;
using NoduleScope.Dicom.Network.Storage;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Sending;
using NoduleScope.Pipeline.Storage;

namespace NoduleScope.Pipeline.Tests;

/// <summary>Results go to the PACS with C-STORE; while it is down each try is recorded and retried after a back-off.</summary>
public sealed class ResultSenderTests : IAsyncLifetime
{
    private readonly TestFolder folder = new();
    private readonly ManualClock clock = new();
    private SqliteJobQueue queue = null!;
    private StorageRoot storage = null!;

    public async ValueTask InitializeAsync()
    {
        storage = new StorageRoot(folder["store"]);
        queue = new SqliteJobQueue(folder["store/queue.db"], new JobQueueOptions { ModelVersion = "v1", SendRetry = new RetryPolicy(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(5)) }, clock);
        await queue.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Files_are_sent_after_the_pacs_comes_back_and_every_try_is_recorded()
    {
        var phantom = PhantomStudy.Write(folder["phantom"], slices: 2);
        string jobId = await DoneJobWithFilesAsync(phantom);
        int port = FreePort();
        var sender = new ResultSender(queue, storage, new ResultSenderOptions
        {
            Pacs = new DicomClientOptions { Host = "127.0.0.1", Port = port, CallingAeTitle = "NODULESCOPE", CalledAeTitle = "PACS" },
            WorkerId = "sender",
        });

        Assert.Equal(2, await sender.RunOnceAsync(CancellationToken.None));
        Assert.All(await queue.GetSendsAsync(jobId), s => Assert.Equal((SendState.Pending, 1), (s.State, s.Attempts)));
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));

        var received = new ConcurrentBag<string>();
        var pacsStore = new FileSystemStoreHandler(new FileSystemStoreOptions { RootDirectory = folder["pacs"], MinimumFreeBytes = 0 }, (i, _) =>
        {
            received.Add(i.SopInstanceUid);
            return ValueTask.CompletedTask;
        });
        await using var pacs = new DicomServer(new DicomServerOptions
        {
            AeTitle = "PACS",
            BindAddress = IPAddress.Loopback,
            Port = port,
            AccessControl = new DicomAccessControl { AllowedPeers = [new DicomAllowedPeer("NODULESCOPE", IPAddress.Loopback)] },
            MinimumFreeDiskBytes = 0,
        }, pacsStore);
        pacs.Start();

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, received.Count);
        foreach (var send in await queue.GetSendsAsync(jobId))
        {
            Assert.Equal((SendState.Sent, 2, "0x0000"), (send.State, send.Attempts, send.LastStatus));
            var attempts = await queue.GetSendAttemptsAsync(send.Id);
            Assert.Equal([false, true], attempts.Select(a => a.Succeeded));
            Assert.NotNull(attempts[0].Detail);
        }
    }

    private async Task<string> DoneJobWithFilesAsync(IReadOnlyList<string> files)
    {
        await queue.RecordInstanceAsync(new ReceivedInstance("1.2.3.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.3", "1.2.3.0", "instances/x.dcm", "ab", 1, "SCU"));
        clock.Advance(TimeSpan.FromMinutes(1));
        await queue.CloseIdleStudiesAsync(TimeSpan.FromSeconds(1));
        var job = (await queue.ClaimJobAsync("w"))!;
        string results = storage.NewResultFolder(job.JobId, job.Attempt);
        var copies = files.Select(f =>
        {
            string copy = Path.Combine(results, Path.GetFileName(f));
            File.Copy(f, copy);
            return storage.Relative(copy);
        }).ToList();
        await queue.CompleteJobAsync(job, storage.Relative(results), copies, "PACS@127.0.0.1");
        return job.JobId;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
