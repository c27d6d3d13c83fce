using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>A hand-driven TCP peer for sending exactly the bytes a test wants, malformed ones included.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    private readonly TcpClient client;
    private readonly NetworkStream stream;

    private RawPeer(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    public static async Task<RawPeer> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        return new RawPeer(client);
    }

    /// <summary>A request for Verification (context 1) and CT Image Storage in explicit VR little endian (context 3).</summary>
    public static AssociateRequestPdu Request(string callingAe = TestScp.CallingAe, string calledAe = TestScp.AeTitle, uint maxPdu = 16384) =>
        new(calledAe, callingAe, DicomNetworkUids.ApplicationContext,
        [
            new PresentationContextProposal(1, DicomNetworkUids.Verification, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid]),
            new PresentationContextProposal(3, CtImageStorage, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid]),
        ],
        new UserInformation { MaxPduLength = maxPdu, ImplementationClassUid = "1.2.3.4", ImplementationVersionName = "RAWPEER" });

    public Task SendAsync(Pdu pdu) => SendAsync(PduCodec.Encode(pdu));

    public async Task SendAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Sends an A-ASSOCIATE-RQ and expects an A-ASSOCIATE-AC.</summary>
    public async Task<AssociateAcceptPdu> AssociateAsync(AssociateRequestPdu? request = null)
    {
        await SendAsync(request ?? Request());
        var answer = await ReadAsync(TimeSpan.FromSeconds(10));
        return Assert.IsType<AssociateAcceptPdu>(answer);
    }

    /// <summary>The next PDU, or null when the server closed the connection first.</summary>
    public async Task<Pdu?> ReadAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        byte[] header = new byte[6];
        try
        {
            int got = await stream.ReadAtLeastAsync(header, 6, throwOnEndOfStream: false, timer.Token);
            if (got < 6)
            {
                return null;
            }

            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2));
            byte[] body = new byte[length];
            got = await stream.ReadAtLeastAsync(body, length, throwOnEndOfStream: false, timer.Token);
            return got < length ? null : PduCodec.Parse(header[0], body);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads until the server closes the connection; false when it is still open after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        byte[] scratch = new byte[4096];
        try
        {
            while (await stream.ReadAsync(scratch, timer.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
