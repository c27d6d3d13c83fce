using System.Net;
using NoduleScope.Dicom.Network.Storage;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>A <see cref="DicomServer"/> on a free loopback port, storing into a temporary folder.</summary>
internal sealed class TestScp : IAsyncDisposable
{
    public const string AeTitle = "NODULESCOPE";
    public const string CallingAe = "TESTSCU";

    private TestScp(DicomServer server, FileSystemStoreHandler store, TempDirectory folder, TestLogger<DicomServer> logger)
    {
        Server = server;
        Store = store;
        Folder = folder;
        Logger = logger;
    }

    public DicomServer Server { get; }

    public FileSystemStoreHandler Store { get; }

    public TempDirectory Folder { get; }

    public TestLogger<DicomServer> Logger { get; }

    public int Port => Server.LocalEndPoint.Port;

    /// <summary>Test SCU, dcmtk's echoscu and storescu (their default AE titles), all from loopback.</summary>
    public static DicomAccessControl LoopbackPeers { get; } = new()
    {
        AllowedPeers =
        [
            new DicomAllowedPeer(CallingAe, IPAddress.Loopback),
            new DicomAllowedPeer("ECHOSCU", IPAddress.Loopback),
            new DicomAllowedPeer("STORESCU", IPAddress.Loopback),
        ],
    };

    public static DicomServerOptions DefaultOptions => new()
    {
        AeTitle = AeTitle,
        BindAddress = IPAddress.Loopback,
        Port = 0,
        AccessControl = LoopbackPeers,
        Limits = new DicomNetworkLimits { ArtimTimeout = TimeSpan.FromSeconds(10) },
    };

    public static TestScp Start(
        Func<DicomServerOptions, DicomServerOptions>? configure = null,
        Func<StoredInstance, CancellationToken, ValueTask>? recorder = null,
        Func<FileSystemStoreHandler, IStoreHandler>? wrap = null)
    {
        var folder = new TempDirectory();
        var store = new FileSystemStoreHandler(new FileSystemStoreOptions { RootDirectory = folder.Sub("store"), MinimumFreeBytes = 1 << 20 }, recorder);
        var options = configure is null ? DefaultOptions : configure(DefaultOptions);
        var logger = new TestLogger<DicomServer>();
        var server = new DicomServer(options, wrap is null ? store : wrap(store), logger);
        server.Start();
        return new TestScp(server, store, folder, logger);
    }

    public DicomClient Client(string callingAe = CallingAe, DicomClientTlsOptions? tls = null, DicomNetworkLimits? limits = null, string calledAe = AeTitle) =>
        new(new DicomClientOptions
        {
            Host = "127.0.0.1",
            Port = Port,
            CallingAeTitle = callingAe,
            CalledAeTitle = calledAe,
            Tls = tls,
            Limits = limits ?? new DicomNetworkLimits { ArtimTimeout = TimeSpan.FromSeconds(10) },
        }, new TestLogger<DicomClient>());

    public IReadOnlyList<string> StoredFiles() =>
        [.. Directory.EnumerateFiles(Store.InstancesDirectory, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Folder.Dispose();
    }
}
