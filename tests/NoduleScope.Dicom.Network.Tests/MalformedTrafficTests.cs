using System.Buffers.Binary;
using NoduleScope.Dicom.Network.Dimse;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>
/// Hostile or broken peers: each case ends in an A-ABORT (or a closed connection when nothing can be answered), never a
/// crash, and the server keeps serving others afterwards.
/// </summary>
public sealed class MalformedTrafficTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static async Task<AbortPdu> ExpectAbortAsync(RawPeer peer)
    {
        var pdu = await peer.ReadAsync(Wait);
        var abort = Assert.IsType<AbortPdu>(pdu);
        Assert.True(await peer.WaitClosedAsync(Wait), "the server should close the connection after aborting");
        return abort;
    }

    private static async Task StillServesAsync(TestScp scp) => Assert.True((await scp.Client().EchoAsync()).IsSuccess);

    private static byte[] DataTransfer(byte contextId, bool command, bool last, byte[] data) =>
        PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(contextId, command, last, data)]));

    [Fact]
    public async Task UnknownPduTypeIsAbortedAsUnrecognized()
    {
        await using var scp = TestScp.Start();
        await using (var peer = await RawPeer.ConnectAsync(scp.Port))
        {
            await peer.SendAsync([0x09, 0, 0, 0, 0, 4, 1, 2, 3, 4]);
            var abort = await ExpectAbortAsync(peer);
            Assert.Equal(DicomAbortSource.ServiceProvider, abort.Source);
            Assert.Equal(DicomAbortReason.UnrecognizedPdu, abort.Reason);
        }

        await StillServesAsync(scp);
    }

    [Fact]
    public async Task OversizedAssociateRequestIsAbortedBeforeItIsRead()
    {
        await using var scp = TestScp.Start();
        await using (var peer = await RawPeer.ConnectAsync(scp.Port))
        {
            // Declares 2 GiB and sends a few bytes: the server must not wait for or allocate the rest.
            await peer.SendAsync([0x01, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0, 1]);
            Assert.Equal(DicomAbortReason.InvalidPduParameterValue, (await ExpectAbortAsync(peer)).Reason);
        }

        await StillServesAsync(scp);
    }

    [Fact]
    public async Task DataTransferLongerThanOurMaximumIsAborted()
    {
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { MaxPduLength = 8192 } });
        await using (var peer = await RawPeer.ConnectAsync(scp.Port))
        {
            var accept = await peer.AssociateAsync();
            Assert.Equal(8192u, accept.UserInformation.MaxPduLength);
            await peer.SendAsync(DataTransfer(1, command: true, last: true, new byte[8192]));
            Assert.Equal(DicomAbortReason.InvalidPduParameterValue, (await ExpectAbortAsync(peer)).Reason);
        }

        Assert.Contains(scp.Logger.Lines, l => l.Contains("more than the 8192 accepted", StringComparison.Ordinal));
        await StillServesAsync(scp);
    }

    [Fact]
    public async Task TruncatedPduEndsTheConnectionQuietly()
    {
        await using var scp = TestScp.Start();
        await using (var peer = await RawPeer.ConnectAsync(scp.Port))
        {
            byte[] request = PduCodec.Encode(RawPeer.Request());
            await peer.SendAsync(request[..40]);
        }

        await StillServesAsync(scp);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!scp.Logger.Lines.Any(l => l.Contains("inside a PDU", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains(scp.Logger.Lines, l => l.Contains("closed by the peer inside a PDU of type 0x01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedAssociateRequestIsAborted()
    {
        await using var scp = TestScp.Start();
        await using (var peer = await RawPeer.ConnectAsync(scp.Port))
        {
            byte[] request = PduCodec.Encode(RawPeer.Request());
            BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(6 + 68 + 2), 0xFFFF); // first item's length
            await peer.SendAsync(request);
            Assert.Equal(DicomAbortReason.InvalidPduParameterValue, (await ExpectAbortAsync(peer)).Reason);
        }

        await StillServesAsync(scp);
    }

    [Fact]
    public async Task DataBeforeAssociationIsAbortedAsUnexpected()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.SendAsync(DataTransfer(1, command: true, last: true, [1, 2]));
        Assert.Equal(DicomAbortReason.UnexpectedPdu, (await ExpectAbortAsync(peer)).Reason);
    }

    [Fact]
    public async Task SecondAssociateRequestIsAbortedAsUnexpected()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        await peer.SendAsync(RawPeer.Request());
        Assert.Equal(DicomAbortReason.UnexpectedPdu, (await ExpectAbortAsync(peer)).Reason);
    }

    [Fact]
    public async Task ValueOnAContextThatWasNotAcceptedIsAborted()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        await peer.SendAsync(DataTransfer(5, command: true, last: true, Echo()));
        Assert.Equal(DicomAbortReason.UnexpectedPduParameter, (await ExpectAbortAsync(peer)).Reason);
    }

    [Fact]
    public async Task GarbageCommandSetIsAborted()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        await peer.SendAsync(DataTransfer(1, command: true, last: true, [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x0F]));
        Assert.IsType<AbortPdu>(await peer.ReadAsync(Wait));
    }

    [Fact]
    public async Task CommandSetBeyondItsLimitIsAborted()
    {
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { MaxCommandSetLength = 1024 } });
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        for (int i = 0; i < 3; i++)
        {
            await peer.SendAsync(DataTransfer(1, command: true, last: false, new byte[500]));
        }

        Assert.IsType<AbortPdu>(await peer.ReadAsync(Wait));
        Assert.Contains(scp.Logger.Lines, l => l.Contains("command set longer than 1024", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DataSetBeyondItsLimitIsAbortedAndNothingIsKept()
    {
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { MaxDataSetBytes = 10_000 } });
        await using (var peer = await RawPeer.ConnectAsync(scp.Port))
        {
            await peer.AssociateAsync();
            await peer.SendAsync(DataTransfer(3, command: true, last: true, Store("1.2.3.4")));
            for (int i = 0; i < 3; i++)
            {
                await peer.SendAsync(DataTransfer(3, command: false, last: false, new byte[4000]));
            }

            Assert.IsType<AbortPdu>(await peer.ReadAsync(Wait));
        }

        Assert.Contains(scp.Logger.Lines, l => l.Contains("data set larger than 10000 bytes", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.EnumerateFiles(scp.Store.IncomingDirectory).Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Empty(Directory.EnumerateFiles(scp.Store.IncomingDirectory));
        Assert.Empty(scp.StoredFiles());
    }

    [Fact]
    public async Task DataWithoutACommandIsAborted()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        await peer.SendAsync(DataTransfer(3, command: false, last: true, [1, 2, 3, 4]));
        Assert.Equal(DicomAbortReason.UnexpectedPduParameter, (await ExpectAbortAsync(peer)).Reason);
    }

    [Fact]
    public async Task UnsupportedOperationIsAnsweredAndTheAssociationGoesOn()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        byte[] find = new DicomCommand { CommandField = DimseCommandField.CFindRequest, MessageId = 9, AffectedSopClassUid = RawPeer.CtImageStorage, HasDataSet = true }.Encode();
        await peer.SendAsync(DataTransfer(3, command: true, last: true, find));
        await peer.SendAsync(DataTransfer(3, command: false, last: true, [0x10, 0x00, 0x10, 0x00, (byte)'P', (byte)'N', 0, 0]));
        var response = ResponseOf(await peer.ReadAsync(Wait));
        Assert.Equal((DimseCommandField)0x8020, response.CommandField);
        Assert.Equal(DicomStatus.UnrecognizedOperation.Code, response.Status);

        await peer.SendAsync(DataTransfer(1, command: true, last: true, Echo()));
        Assert.Equal((ushort)0, ResponseOf(await peer.ReadAsync(Wait)).Status);

        await peer.SendAsync(new ReleaseRequestPdu());
        Assert.IsType<ReleaseResponsePdu>(await peer.ReadAsync(Wait));
    }

    [Fact]
    public async Task StoreWhoseSopClassDiffersFromTheContextIsRefused()
    {
        await using var scp = TestScp.Start();
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.AssociateAsync();
        byte[] store = new DicomCommand
        {
            CommandField = DimseCommandField.CStoreRequest,
            MessageId = 3,
            AffectedSopClassUid = "1.2.840.10008.5.1.4.1.1.4",
            AffectedSopInstanceUid = "1.2.3",
            HasDataSet = true,
        }.Encode();
        await peer.SendAsync(DataTransfer(3, command: true, last: true, store));
        await peer.SendAsync(DataTransfer(3, command: false, last: true, [0, 0, 0, 0]));
        Assert.Equal(DicomStatus.SopClassNotSupported.Code, ResponseOf(await peer.ReadAsync(Wait)).Status);
    }

    private static DicomCommand ResponseOf(Pdu? pdu)
    {
        var data = Assert.IsType<DataTransferPdu>(pdu);
        var value = Assert.Single(data.Values);
        Assert.True(value.IsCommand && value.IsLastFragment);
        return DicomCommand.Parse(value.Data.Span);
    }

    internal static byte[] Echo() =>
        new DicomCommand { CommandField = DimseCommandField.CEchoRequest, MessageId = 1, AffectedSopClassUid = DicomNetworkUids.Verification }.Encode();

    internal static byte[] Store(string sopInstanceUid) => new DicomCommand
    {
        CommandField = DimseCommandField.CStoreRequest,
        MessageId = 2,
        AffectedSopClassUid = RawPeer.CtImageStorage,
        AffectedSopInstanceUid = sopInstanceUid,
        Priority = 0,
        HasDataSet = true,
    }.Encode();
}
