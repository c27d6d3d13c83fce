using System.Buffers.Binary;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network.Tests;

public sealed class PduCodecTests
{
    private static Pdu RoundTrip(Pdu pdu)
    {
        byte[] bytes = PduCodec.Encode(pdu);
        Assert.Equal((byte)pdu.Type, bytes[0]);
        Assert.Equal((uint)(bytes.Length - 6), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(2)));
        return PduCodec.Parse(bytes[0], bytes.AsMemory(6));
    }

    /// <summary>Where the first item of <paramref name="type"/> starts in an encoded A-ASSOCIATE PDU.</summary>
    private static int ItemOffset(byte[] pdu, byte type)
    {
        int offset = 6 + 68;
        while (pdu[offset] != type)
        {
            offset += 4 + BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(offset + 2));
        }

        return offset;
    }

    private static Exception ParseFails(byte[] pdu) => Assert.Throws<DicomProtocolException>(() => PduCodec.Parse(pdu[0], pdu.AsMemory(6)));

    [Fact]
    public void AssociateRequestRoundTrips()
    {
        var request = new AssociateRequestPdu("CALLED", "CALLING", DicomNetworkUids.ApplicationContext,
        [
            new PresentationContextProposal(1, DicomNetworkUids.Verification, ["1.2.840.10008.1.2"]),
            new PresentationContextProposal(3, RawPeer.CtImageStorage, ["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1"]),
        ],
        new UserInformation { MaxPduLength = 32768, ImplementationClassUid = "1.2.3", ImplementationVersionName = "VERSION_1", AsynchronousOperations = (3, 2) });

        var parsed = Assert.IsType<AssociateRequestPdu>(RoundTrip(request));
        Assert.Equal("CALLED", parsed.CalledAeTitle);
        Assert.Equal("CALLING", parsed.CallingAeTitle);
        Assert.Equal(DicomNetworkUids.ApplicationContext, parsed.ApplicationContextName);
        Assert.Equal(2, parsed.PresentationContexts.Count);
        Assert.Equal(3, parsed.PresentationContexts[1].Id);
        Assert.Equal(RawPeer.CtImageStorage, parsed.PresentationContexts[1].AbstractSyntax);
        Assert.Equal(["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.1"], parsed.PresentationContexts[1].TransferSyntaxes);
        Assert.Equal(request.UserInformation, parsed.UserInformation);
        Assert.Equal(1, parsed.ProtocolVersion);
    }

    [Fact]
    public void AssociateAcceptRoundTrips()
    {
        var accept = new AssociateAcceptPdu("CALLED", "CALLING", DicomNetworkUids.ApplicationContext,
        [
            new PresentationContextResult(1, PresentationContextOutcome.Acceptance, "1.2.840.10008.1.2"),
            new PresentationContextResult(3, PresentationContextOutcome.AbstractSyntaxNotSupported, "1.2.840.10008.1.2"),
        ],
        new UserInformation { MaxPduLength = 0, ImplementationClassUid = "1.2.3" });

        var parsed = Assert.IsType<AssociateAcceptPdu>(RoundTrip(accept));
        Assert.Equal(accept.PresentationContexts, parsed.PresentationContexts);
        Assert.Equal(0u, parsed.UserInformation.MaxPduLength);
        Assert.Null(parsed.UserInformation.AsynchronousOperations);
    }

    [Fact]
    public void FixedSizePdusRoundTrip()
    {
        Assert.Equal(new AssociateRejectPdu(DicomRejectResult.Transient, DicomRejectSource.ServiceProviderPresentation, 2),
            RoundTrip(new AssociateRejectPdu(DicomRejectResult.Transient, DicomRejectSource.ServiceProviderPresentation, 2)));
        Assert.IsType<ReleaseRequestPdu>(RoundTrip(new ReleaseRequestPdu()));
        Assert.IsType<ReleaseResponsePdu>(RoundTrip(new ReleaseResponsePdu()));
        Assert.Equal(new AbortPdu(DicomAbortSource.ServiceProvider, DicomAbortReason.UnexpectedPdu),
            RoundTrip(new AbortPdu(DicomAbortSource.ServiceProvider, DicomAbortReason.UnexpectedPdu)));
    }

    [Fact]
    public void DataTransferRoundTripsSeveralValues()
    {
        var pdu = new DataTransferPdu(
        [
            new PresentationDataValue(1, IsCommand: true, IsLastFragment: true, new byte[] { 1, 2, 3 }),
            new PresentationDataValue(1, IsCommand: false, IsLastFragment: false, new byte[] { 4, 5 }),
            new PresentationDataValue(1, IsCommand: false, IsLastFragment: true, Array.Empty<byte>()),
        ]);

        var parsed = Assert.IsType<DataTransferPdu>(RoundTrip(pdu));
        Assert.Equal(3, parsed.Values.Count);
        Assert.True(parsed.Values[0].IsCommand && parsed.Values[0].IsLastFragment);
        Assert.Equal([1, 2, 3], parsed.Values[0].Data.ToArray());
        Assert.False(parsed.Values[1].IsCommand || parsed.Values[1].IsLastFragment);
        Assert.Equal([4, 5], parsed.Values[1].Data.ToArray());
        Assert.Empty(parsed.Values[2].Data.ToArray());
    }

    [Fact]
    public void UnknownItemsAndSubItemsAreSkipped()
    {
        byte[] request = PduCodec.Encode(RawPeer.Request());
        // Append an unknown item (type 0x77) after the user information; the PDU length grows with it.
        byte[] extended = [.. request, 0x77, 0, 0, 3, 9, 9, 9];
        BinaryPrimitives.WriteUInt32BigEndian(extended.AsSpan(2), (uint)(extended.Length - 6));

        var parsed = Assert.IsType<AssociateRequestPdu>(PduCodec.Parse(extended[0], extended.AsMemory(6)));
        Assert.Equal(2, parsed.PresentationContexts.Count);
    }

    [Fact]
    public void ItemLongerThanThePduIsRejected()
    {
        byte[] request = PduCodec.Encode(RawPeer.Request());
        int firstItem = ItemOffset(request, 0x10);
        BinaryPrimitives.WriteUInt16BigEndian(request.AsSpan(firstItem + 2), 0xFFF0);
        Assert.Contains("declares 65520 bytes", ParseFails(request).Message);
    }

    [Fact]
    public void TruncatedAssociateRequestIsRejected()
    {
        byte[] request = PduCodec.Encode(RawPeer.Request());
        for (int cut = 6; cut < request.Length; cut += 7)
        {
            byte[] truncated = request[..cut];
            BinaryPrimitives.WriteUInt32BigEndian(truncated.AsSpan(2), (uint)(cut - 6));
            Assert.Throws<DicomProtocolException>(() => PduCodec.Parse(truncated[0], truncated.AsMemory(6)));
        }
    }

    [Fact]
    public void EvenOrRepeatedPresentationContextIdsAreRejected()
    {
        var even = RawPeer.Request() with { PresentationContexts = [new PresentationContextProposal(2, DicomNetworkUids.Verification, ["1.2.840.10008.1.2"])] };
        Assert.Contains("not odd", ParseFails(PduCodec.Encode(even)).Message);

        var twice = RawPeer.Request() with
        {
            PresentationContexts =
            [
                new PresentationContextProposal(5, DicomNetworkUids.Verification, ["1.2.840.10008.1.2"]),
                new PresentationContextProposal(5, RawPeer.CtImageStorage, ["1.2.840.10008.1.2"]),
            ],
        };
        Assert.Contains("used twice", ParseFails(PduCodec.Encode(twice)).Message);
    }

    [Fact]
    public void MalformedUidsAreRejected()
    {
        var letters = RawPeer.Request() with { PresentationContexts = [new PresentationContextProposal(1, "1.2.x", ["1.2.840.10008.1.2"])] };
        Assert.Contains("digits and dots", ParseFails(PduCodec.Encode(letters)).Message);

        var tooLong = RawPeer.Request() with { PresentationContexts = [new PresentationContextProposal(1, "1." + new string('2', 70), ["1.2.840.10008.1.2"])] };
        Assert.Contains("UID of 72 characters", ParseFails(PduCodec.Encode(tooLong)).Message);

        var control = RawPeer.Request() with { ApplicationContextName = "1.2\u0001" };
        Assert.Contains("not printable", ParseFails(PduCodec.Encode(control)).Message);
    }

    [Fact]
    public void RequestWithoutPresentationContextOrApplicationContextIsRejected()
    {
        Assert.Contains("no presentation context", ParseFails(PduCodec.Encode(RawPeer.Request() with { PresentationContexts = [] })).Message);

        byte[] withoutUserInformation = PduCodec.Encode(RawPeer.Request());
        withoutUserInformation[ItemOffset(withoutUserInformation, 0x50)] = 0x5F;
        Assert.Contains("no user information", ParseFails(withoutUserInformation).Message);

        byte[] request = PduCodec.Encode(RawPeer.Request());
        request[ItemOffset(request, 0x10)] = 0x11; // the application context item becomes an unknown item
        Assert.Contains("no application context", ParseFails(request).Message);
    }

    [Fact]
    public void FixedSizePdusOfTheWrongSizeAreRejected()
    {
        byte[] release = [5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0];
        Assert.Contains("5 bytes where 4", ParseFails(release).Message);

        byte[] reject = [3, 0, 0, 0, 0, 4, 0, 9, 1, 1];
        Assert.Contains("result 9", ParseFails(reject).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 1, 1, 3 }, "does not fit")]
    [InlineData(new byte[] { 0, 0, 0, 9, 1, 3, 0 }, "does not fit")]
    [InlineData(new byte[] { 0, 0, 0 }, "truncated PDV item header")]
    [InlineData(new byte[] { }, "without any PDV")]
    public void MalformedDataTransferIsRejected(byte[] body, string expected)
    {
        var e = Assert.Throws<DicomProtocolException>(() => PduCodec.Parse((byte)PduType.DataTransfer, body));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void UnknownPduTypeIsUnrecognized()
    {
        var e = Assert.Throws<DicomProtocolException>(() => PduCodec.Parse(0x09, new byte[4]));
        Assert.Equal(DicomAbortReason.UnrecognizedPdu, e.Reason);
        e = Assert.Throws<DicomProtocolException>(() => PduCodec.MaxBodyLength(0x42, 16384, 65536));
        Assert.Equal(DicomAbortReason.UnrecognizedPdu, e.Reason);
    }

    [Fact]
    public void BodyLimitsFollowThePduType()
    {
        Assert.Equal(16384, PduCodec.MaxBodyLength((byte)PduType.DataTransfer, 16384, 65536));
        Assert.Equal(65536, PduCodec.MaxBodyLength((byte)PduType.AssociateRequest, 16384, 65536));
        Assert.Equal(4, PduCodec.MaxBodyLength((byte)PduType.Abort, 16384, 65536));
    }
}
