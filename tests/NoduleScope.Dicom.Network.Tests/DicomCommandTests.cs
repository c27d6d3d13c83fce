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
