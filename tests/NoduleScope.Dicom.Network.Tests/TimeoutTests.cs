using System.Net;
using System.Net.Sockets;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>Every wait of the server and the client ends: ARTIM, idle, per-instance and per-association timeouts.</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SilentConnectionIsClosedAfterArtim()
    {
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { ArtimTimeout = Short } });
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        Assert.True(await peer.WaitClosedAsync(Generous));
        Assert.Contains(scp.Logger.Lines, l => l.Contains("no A-ASSOCIATE-RQ within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdleAssociationIsAborted()
    {
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { IdleTimeout = Short } });
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        Assert.IsType<AbortPdu>(await peer.ReadAsync(Generous));
        Assert.True(await peer.WaitClosedAsync(Generous));
        Assert.Contains(scp.Logger.Lines, l => l.Contains("idle timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstanceTrickledSlowerThanItsTimeoutIsAborted()
    {
        // Each fragment comes well within the idle timeout, but the instance as a whole takes too long.
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { IdleTimeout = TimeSpan.FromSeconds(20), InstanceTimeout = TimeSpan.FromSeconds(1) } });
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        await peer.SendAsync(PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(3, true, true, MalformedTrafficTests.Store("1.2.3.4"))])));
        var reading = peer.ReadAsync(Generous);
        for (int i = 0; i < 100 && !reading.IsCompleted; i++)
        {
            try
            {
                await peer.SendAsync(PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(3, false, false, new byte[16])])));
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.IsType<AbortPdu>(await reading);
        Assert.Contains(scp.Logger.Lines, l => l.Contains("instance timeout", StringComparison.Ordinal));
        Assert.Empty(scp.StoredFiles());
    }

    [Fact]
    public async Task AssociationOutlivingItsTimeoutIsAborted()
    {
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { AssociationTimeout = TimeSpan.FromSeconds(1) } });
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        Pdu? pdu = null;
        for (int i = 0; i < 100; i++)
        {
            await peer.SendAsync(PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(1, true, true, MalformedTrafficTests.Echo())])));
            pdu = await peer.ReadAsync(Generous);
            if (pdu is not DataTransferPdu)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.IsType<AbortPdu>(pdu);
        Assert.Contains(scp.Logger.Lines, l => l.Contains("association timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientGivesUpOnAServerThatNeverAnswers()
    {
        using var mute = new TcpListener(IPAddress.Loopback, 0);
        mute.Start();
        var client = new DicomClient(new DicomClientOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)mute.LocalEndpoint).Port,
            CallingAeTitle = "A",
            CalledAeTitle = "B",
            Limits = new DicomNetworkLimits { ArtimTimeout = Short },
        });
        var e = await Assert.ThrowsAsync<DicomNetworkTimeoutException>(() => client.EchoAsync());
        Assert.Contains("A-ASSOCIATE-AC", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientGivesUpOnAResponseThatNeverComes()
    {
        using var mute = new TcpListener(IPAddress.Loopback, 0);
        mute.Start();
        var client = new DicomClient(new DicomClientOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)mute.LocalEndpoint).Port,
            CallingAeTitle = "A",
            CalledAeTitle = "B",
            Limits = new DicomNetworkLimits { IdleTimeout = Short },
        });
        var echo = client.EchoAsync();

        // Accept the association, then say nothing: the client must abort after its idle timeout.
        using var socket = await mute.AcceptSocketAsync();
        await using var stream = new NetworkStream(socket);
        byte[] buffer = new byte[65536];
        _ = await stream.ReadAsync(buffer);
        var accept = new AssociateAcceptPdu("B", "A", DicomNetworkUids.ApplicationContext,
            [new PresentationContextResult(1, PresentationContextOutcome.Acceptance, DicomTransferSyntax.ImplicitVRLittleEndian.Uid)],
            new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3" });
        await stream.WriteAsync(PduCodec.Encode(accept));

        var e = await Assert.ThrowsAsync<DicomNetworkTimeoutException>(() => echo);
        Assert.Contains("response", e.Message, StringComparison.Ordinal);
    }
}
