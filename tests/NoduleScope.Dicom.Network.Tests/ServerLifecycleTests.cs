using System.Net;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>Concurrency, stopping, and what never becomes a path.</summary>
public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task SeveralClientsStoreAtOnce()
    {
        using var source = new TempDirectory();
        var series = Enumerable.Range(0, 4).Select(i => TestFiles.CtSeries(source.Sub("s" + i), slices: 3)).ToArray();
        await using var scp = TestScp.Start(o => o with { MaxAssociations = 4 });

        var results = await Task.WhenAll(series.Select(files => scp.Client().StoreAsync(files)));

        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(12, scp.StoredFiles().Count);
    }

    [Fact]
    public async Task StoppingAbortsOpenAssociationsAndKeepsNothingUnacknowledged()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        await peer.SendAsync(new DataTransferPdu([new PresentationDataValue(3, true, true, MalformedTrafficTests.Store("1.2.3.4"))]));
        await peer.SendAsync(new DataTransferPdu([new PresentationDataValue(3, false, false, new byte[100])]));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Directory.EnumerateFiles(scp.Store.IncomingDirectory).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Single(Directory.EnumerateFiles(scp.Store.IncomingDirectory));
        await scp.Server.StopAsync();

        Assert.IsType<AbortPdu>(await peer.ReadAsync(TimeSpan.FromSeconds(20)));
        Assert.Empty(Directory.EnumerateFiles(scp.Store.IncomingDirectory));
        Assert.Empty(scp.StoredFiles());
        Assert.Equal(0, scp.Server.ActiveAssociations);
    }

    [Fact]
    public async Task PeerValuesNeverBecomePaths()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 1);
        const string hostileAe = "../../x/.";
        var control = new DicomAccessControl { AllowedPeers = [new DicomAllowedPeer(hostileAe, IPAddress.Loopback)] };
        await using var scp = TestScp.Start(o => o with { AccessControl = control });

        var result = (await scp.Client(callingAe: hostileAe).StoreAsync(files)).Single();

        Assert.True(result.Succeeded, result.ToString());
        string stored = Assert.Single(scp.StoredFiles());
        string relative = Path.GetRelativePath(scp.Store.RootDirectory, stored);
        Assert.Matches(@"^instances/[0-9a-f]{2}/[0-9a-f]{64}\.dcm$", relative.Replace('\\', '/'));
        Assert.Equal(hostileAe, DicomFile.OpenHeader(stored).FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle));
        Assert.Equal(
            [scp.Store.IncomingDirectory, scp.Store.InstancesDirectory],
            Directory.GetDirectories(scp.Store.RootDirectory).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InstanceUidThatIsNotAUidIsRefused()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        await peer.SendAsync(new DataTransferPdu([new PresentationDataValue(3, true, true, MalformedTrafficTests.Store("../../../etc/passwd"))]));
        await peer.SendAsync(new DataTransferPdu([new PresentationDataValue(3, false, true, new byte[] { 0x08, 0x00, 0x18, 0x00, (byte)'U', (byte)'I', 2, 0, (byte)'1', 0 })]));
        var response = Assert.IsType<DataTransferPdu>(await peer.ReadAsync(TimeSpan.FromSeconds(20)));
        var command = Dimse.DicomCommand.Parse(response.Values[0].Data.Span);
        Assert.Equal(DicomStatus.CannotUnderstand.Code, command.Status);
        Assert.Empty(scp.StoredFiles());
    }

    [Fact]
    public async Task OptionsAreCheckedWhenTheServerIsCreated()
    {
        using var folder = new TempDirectory();
        var store = new Storage.FileSystemStoreHandler(new Storage.FileSystemStoreOptions { RootDirectory = folder.Path });
        Assert.Throws<ArgumentException>(() => new DicomServer(TestScp.DefaultOptions with { AeTitle = "A\\B" }, store));
        Assert.Throws<ArgumentException>(() => new DicomServer(TestScp.DefaultOptions with { AeTitle = new string('A', 17) }, store));
        Assert.Throws<ArgumentException>(() => new DicomServer(TestScp.DefaultOptions with { MaxAssociations = 0 }, store));
        Assert.Throws<ArgumentException>(() => new DicomServer(TestScp.DefaultOptions with { Limits = new DicomNetworkLimits { MaxPduLength = 100 } }, store));
        Assert.Throws<ArgumentException>(() => new DicomServer(TestScp.DefaultOptions with { Limits = new DicomNetworkLimits { IdleTimeout = TimeSpan.Zero } }, store));
        await using var server = new DicomServer(TestScp.DefaultOptions, store);
        Assert.Throws<InvalidOperationException>(() => server.LocalEndPoint);
    }
}
