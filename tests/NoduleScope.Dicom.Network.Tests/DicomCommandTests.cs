using System.Buffers.Binary;
using NoduleScope.Dicom.Network.Dimse;

namespace NoduleScope.Dicom.Network.Tests;

public sealed class DicomCommandTests
{
    [Fact]
    public void StoreRequestRoundTripsAsImplicitLittleEndian()
    {
        var command = new DicomCommand
        {
            CommandField = DimseCommandField.CStoreRequest,
            MessageId = 7,
            AffectedSopClassUid = RawPeer.CtImageStorage,
            AffectedSopInstanceUid = "1.2.3.4.5",
            Priority = 0,
            HasDataSet = true,
        };
        byte[] bytes = command.Encode();

        // Group length first: (0000,0000) UL, 4 bytes, the rest of the command set.
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal((uint)(bytes.Length - 12), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(command, DicomCommand.Parse(bytes));

        // The last element is (0000,1000) UI, implicit VR: tag, 32-bit length, value padded to even length with NUL.
        Assert.Equal<byte>([0x00, 0x00, 0x00, 0x10, 10, 0, 0, 0, .. "1.2.3.4.5"u8, 0], bytes[^18..]);
    }

    [Fact]
    public void ResponseCarriesStatusAndComment()
    {
        var response = new DicomCommand
        {
            CommandField = DimseCommandField.CStoreResponse,
            MessageIdBeingRespondedTo = 7,
            AffectedSopClassUid = RawPeer.CtImageStorage,
            AffectedSopInstanceUid = "1.2.3",
            Status = 0xA700,
            ErrorComment = "disk nearly full",
        };
        var parsed = DicomCommand.Parse(response.Encode());
        Assert.False(parsed.IsRequest);
        Assert.False(parsed.HasDataSet);
        Assert.Equal((ushort)0xA700, parsed.Status);
        Assert.Equal("disk nearly full", parsed.ErrorComment);
        Assert.Equal((ushort)7, parsed.MessageIdBeingRespondedTo);
    }

    [Fact]
    public void MoveRequestAndPendingResponseCarryTheDestinationAndTheSuboperationCounts()
    {
        var request = new DicomCommand
        {
            CommandField = DimseCommandField.CMoveRequest,
            MessageId = 3,
            AffectedSopClassUid = DicomNetworkUids.StudyRootMove,
            Priority = 0,
            MoveDestination = "NODULESCOPE",
            HasDataSet = true,
        };
        byte[] bytes = request.Encode();
        Assert.Equal(request, DicomCommand.Parse(bytes));
        // (0000,0600) AE, padded with a space to even length, between Message ID (0110) and Priority (0700).
        int at = bytes.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x06, 12, 0, 0, 0]);
        Assert.True(at > 0);
        Assert.Equal("NODULESCOPE "u8.ToArray(), bytes[(at + 8)..(at + 20)]);

        var pending = new DicomCommand
        {
            CommandField = DimseCommandField.CMoveResponse,
            MessageIdBeingRespondedTo = 3,
            AffectedSopClassUid = DicomNetworkUids.StudyRootMove,
            Status = 0xFF00,
            RemainingSuboperations = 70,
            CompletedSuboperations = 10,
            FailedSuboperations = 0,
            WarningSuboperations = 1,
        };
        var parsed = DicomCommand.Parse(pending.Encode());
        Assert.Equal(pending, parsed);
        Assert.True(parsed.IsPending);
        Assert.False((parsed with { Status = 0x0000 }).IsPending);
    }

    [Fact]
    public void MalformedCommandSetsAreRejected()
    {
        byte[] good = new DicomCommand { CommandField = DimseCommandField.CEchoRequest, MessageId = 1, AffectedSopClassUid = DicomNetworkUids.Verification }.Encode();

        Assert.Contains("truncated", Assert.Throws<DicomProtocolException>(() => DicomCommand.Parse(good.AsSpan(0, good.Length - 3))).Message);

        byte[] longLength = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(longLength.AsSpan(16), 0x7FFFFFFF);
        Assert.Contains("declares", Assert.Throws<DicomProtocolException>(() => DicomCommand.Parse(longLength)).Message);

        byte[] otherGroup = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(otherGroup.AsSpan(12), 0x0008);
        Assert.Contains("outside group 0000", Assert.Throws<DicomProtocolException>(() => DicomCommand.Parse(otherGroup)).Message);

        Assert.Contains("without Command Field", Assert.Throws<DicomProtocolException>(() => DicomCommand.Parse(good.AsSpan(0, 12))).Message);
    }
}
