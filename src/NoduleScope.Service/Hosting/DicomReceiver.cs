using System.Net;
using NoduleScope.Dicom.Network;
using NoduleScope.Dicom.Network.Storage;
using NoduleScope.Pipeline.Assembly;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Service.Configuration;

namespace NoduleScope.Service.Hosting;

/// <summary>
/// The C-STORE receiver: the DICOM server with a <see cref="FileSystemStoreHandler"/> whose recorder records each
/// instance in the queue before it is acknowledged. New associations are refused while the disk is nearly full.
/// </summary>
public sealed class DicomReceiver(ServiceConfiguration config, StorageRoot storage, InstanceRecorder recorder, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private DicomServer? server;

    /// <summary>Where the server listens, once started.</summary>
    public IPEndPoint? LocalEndPoint => server?.LocalEndPoint;

    public int ActiveAssociations => server?.ActiveAssociations ?? 0;

    public bool Listening => server is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var d = config.Dicom;
        if (!d.Enabled)
        {
            return Task.CompletedTask;
        }

        var handler = new FileSystemStoreHandler(
            new FileSystemStoreOptions { RootDirectory = storage.FullPath, MinimumFreeBytes = config.Storage.MinimumFreeBytes },
            recorder.RecordAsync);
        var options = new DicomServerOptions
        {
            AeTitle = d.AeTitle,
            BindAddress = IPAddress.Parse(d.BindAddress),
            Port = d.Port,
            MaxAssociations = d.MaxAssociations,
            AccessControl = new DicomAccessControl { AllowedPeers = [.. d.AllowedPeers.Select(DicomAllowedPeer.Parse)], AllowAnyPeer = d.AllowAnyPeer },
            Tls = d.Tls is { } tls
                ? new DicomServerTlsOptions
                {
                    Certificate = DicomTlsCertificates.LoadWithKey(tls.Certificate, tls.Key),
                    TrustedClientAuthorities = DicomTlsCertificates.LoadAll(tls.TrustedAuthorities!),
                }
                : null,
            DiskSpacePath = storage.FullPath,
            MinimumFreeDiskBytes = config.Storage.MinimumFreeBytes,
        };
        server = new DicomServer(options, handler, loggers.CreateLogger<DicomServer>());
        server.Start();
        loggers.CreateLogger<DicomReceiver>().LogInformation("DICOM receiver {AeTitle} listening on {EndPoint}", d.AeTitle, server.LocalEndPoint);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            server = null;
        }
    }
}
