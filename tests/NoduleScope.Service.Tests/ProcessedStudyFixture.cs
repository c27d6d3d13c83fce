using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NoduleScope.Dicom.Network;
using NoduleScope.Dicom.Network.Storage;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Service.Configuration;
using NoduleScope.Service.Hosting;
using NoduleScope.Service.Security;

namespace NoduleScope.Service.Tests;

/// <summary>
/// The service in this process, with an API key, a fake PACS (our own DICOM server) and one phantom study sent with our
/// SCU and processed to the end; the REST tests then look at it.
/// </summary>
public sealed class ProcessedStudyFixture : IAsyncLifetime
{
    public const string Key = "test-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly TestFolder folder = new();
    private WebApplication? app;
    private DicomServer? pacs;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>SOP Instance UIDs the fake PACS received.</summary>
    public ConcurrentDictionary<string, string> PacsReceived { get; } = new();

    public string PacsInstancesFolder => folder["pacs"];

    public string StoragePath => folder["store"];

    public string? Failure { get; private set; }

    public async ValueTask InitializeAsync()
    {
        pacs = new DicomServer(new DicomServerOptions
        {
            AeTitle = "PACS",
            BindAddress = IPAddress.Loopback,
            Port = 0,
            AccessControl = new DicomAccessControl { AllowedPeers = [new DicomAllowedPeer(TestConfigs.Ae, IPAddress.Loopback)] },
            MinimumFreeDiskBytes = 0,
        }, new FileSystemStoreHandler(new FileSystemStoreOptions { RootDirectory = folder["pacs"], MinimumFreeBytes = 0 }, (i, _) =>
        {
            PacsReceived[i.SopInstanceUid] = i.SopClassUid;
            return ValueTask.CompletedTask;
        }));
        pacs.Start();

        var config = TestConfigs.Loopback(StoragePath, 0, 0, "TESTSCU@127.0.0.1") with
        {
            Pacs = new PacsSettings { Host = "127.0.0.1", Port = pacs.LocalEndPoint.Port, AeTitle = "PACS", Send = "sr,seg", RetryBaseSeconds = 1, RetryMaxSeconds = 2 },
            Http = new HttpSettings { Urls = ["http://127.0.0.1:0"], ApiKeys = [new ApiKeySettings { Name = "tests", Sha256 = ApiKeys.Hash(Key) }] },
        };
        app = await ServiceHost.BuildAsync(config, logging => logging.ClearProviders(), runningAsRoot: false);
        await app.StartAsync();
        BaseUrl = app.Urls.First();
        int dicomPort = app.Services.GetRequiredService<DicomReceiver>().LocalEndPoint!.Port;

        var files = DicomSeriesWriter.Write(SyntheticChestPhantom.Create(160, 100, 2.0, 3), folder["phantom"], new DicomSeriesWriterOptions { Seed = "rest-tests", PatientName = "Doe^Jane", PatientId = "PAT-4711" });
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = dicomPort, CallingAeTitle = "TESTSCU", CalledAeTitle = TestConfigs.Ae });
        var results = await client.StoreAsync(files);
        if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
        {
            Failure = "C-STORE failed: " + failed;
            return;
        }

        var queue = app.Services.GetRequiredService<IJobQueue>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var stats = await queue.GetStatisticsAsync();
            if (stats.Jobs[JobState.Done] == 1 && stats.Sends[SendState.Sent] == 2)
            {
                return;
            }

            if (stats.Jobs[JobState.Failed] + stats.Jobs[JobState.DeadLetter] > 0)
            {
                Failure = "the job failed: " + (await queue.ListJobsAsync(null, null, 1))[0].LastError;
                return;
            }

            await Task.Delay(200);
        }

        Failure = "the study was not processed and sent within 3 minutes";
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        if (pacs is not null)
        {
            await pacs.DisposeAsync();
        }

        folder.Dispose();
    }
}
