using System.Net;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Network;
using NoduleScope.Dicom.Network.Storage;
using NoduleScope.Pipeline.Assembly;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;

namespace NoduleScope.Pipeline.Tests;

/// <summary>
/// The receiver's durability contract: a C-STORE is answered success only once the instance is on disk and recorded
/// in the queue; when recording fails the peer gets a failure and nothing is counted as received.
/// </summary>
public sealed class ReceiveAndRecordTests : IAsyncLifetime
{
    private const string Ae = "NODULESCOPE";
    private const string Peer = "TESTSCU";
    private readonly TestFolder folder = new();
    private SqliteJobQueue queue = null!;
    private StorageRoot storage = null!;

    public async ValueTask InitializeAsync()
    {
        storage = new StorageRoot(folder["store"]);
        queue = new SqliteJobQueue(folder["store/queue.db"], new JobQueueOptions { ModelVersion = "v1" });
        await queue.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await queue.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Every_acknowledged_instance_is_on_disk_and_recorded_under_its_study()
    {
        var files = PhantomStudy.Write(folder["phantom"], slices: 12);
        var recorder = new InstanceRecorder(queue, storage);
        await using var server = Start(recorder.RecordAsync);

        var results = await Client(server).StoreAsync(files);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var study = Assert.Single(await queue.ListStudiesAsync(10));
        Assert.Equal(DicomFile.OpenHeader(files[0]).Dataset.GetString(DicomTags.StudyInstanceUID), study.StudyInstanceUid);
        Assert.Equal(12, study.InstanceCount);
        var closed = Assert.Single(await queue.CloseIdleStudiesAsync(TimeSpan.Zero));
        var paths = await queue.GetJobInstancePathsAsync(closed.JobId);
        Assert.Equal(12, paths.Count);
        var onDisk = paths.Select(p => DicomFile.OpenHeader(storage.Resolve(p)).SopInstanceUid).Order(StringComparer.Ordinal);
        Assert.Equal(files.Select(f => DicomFile.OpenHeader(f).SopInstanceUid).Order(StringComparer.Ordinal), onDisk);
        Assert.All(paths, p => Assert.Matches("^instances/[0-9a-f]{2}/[0-9a-f]{64}\\.dcm$", p));
    }

    [Fact]
    public async Task When_recording_fails_the_peer_is_told_and_sends_again()
    {
        var files = PhantomStudy.Write(folder["phantom"], slices: 2);
        var recorder = new InstanceRecorder(queue, storage);
        bool databaseDown = true;
        await using var server = Start((instance, token) => databaseDown ? throw new IOException("database unavailable") : recorder.RecordAsync(instance, token));

        var refused = await Client(server).StoreAsync(files);
        Assert.All(refused, r => Assert.Equal(DicomStatus.ProcessingFailure.Code, r.Status?.Code));
        Assert.Empty(await queue.ListStudiesAsync(10));

        databaseDown = false;
        var accepted = await Client(server).StoreAsync(files);
        Assert.All(accepted, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(2, Assert.Single(await queue.ListStudiesAsync(10)).InstanceCount);
    }

    private DicomServer Start(Func<StoredInstance, CancellationToken, ValueTask> recorder)
    {
        var handler = new FileSystemStoreHandler(new FileSystemStoreOptions { RootDirectory = storage.FullPath, MinimumFreeBytes = 0 }, recorder);
        var server = new DicomServer(new DicomServerOptions
        {
            AeTitle = Ae,
            BindAddress = IPAddress.Loopback,
            Port = 0,
            AccessControl = new DicomAccessControl { AllowedPeers = [new DicomAllowedPeer(Peer, IPAddress.Loopback)] },
            MinimumFreeDiskBytes = 0,
        }, handler);
        server.Start();
        return server;
    }

    private static DicomClient Client(DicomServer server) =>
        new(new DicomClientOptions { Host = "127.0.0.1", Port = server.LocalEndPoint.Port, CallingAeTitle = Peer, CalledAeTitle = Ae });
}
