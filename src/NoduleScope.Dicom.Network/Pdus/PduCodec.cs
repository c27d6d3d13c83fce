using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>
/// Encodes and parses upper layer PDUs (PS3.8 §9.3). Parsing is strict and bounded: every item length is checked
/// against the bytes that remain before anything is read or allocated, fixed-size PDUs must have their exact size, and
/// anything malformed ends in a <see cref="DicomProtocolException"/> carrying the A-ABORT reason to send. Items and
/// sub-items of unknown types are skipped, as PS3.8 §9.3.1 requires.
/// </summary>
internal static class PduCodec
{
    public const int HeaderLength = 6;

    /// <summary>Bytes of a P-DATA-TF PDV item header: item length (4), context id (1), message control header (1).</summary>
    public const int PdvHeaderLength = 6;

    private const int AssociateFixedLength = 68;
    private const int MaxUidLength = 64;
    private const int MaxTransferSyntaxesPerContext = 64;

    public static byte[] Encode(Pdu pdu)
    {
        var body = new ArrayBufferWriter<byte>(256);
        switch (pdu)
        {
            case AssociateRequestPdu rq:
                WriteAssociateHeader(body, rq.ProtocolVersion, rq.CalledAeTitle, rq.CallingAeTitle);
                WriteItem(body, 0x10, Ascii(rq.ApplicationContextName));
                foreach (var pc in rq.PresentationContexts)
                {
                    var pcBody = new ArrayBufferWriter<byte>(128);
                    pcBody.Write<byte>([pc.Id, 0, 0, 0]);
                    WriteItem(pcBody, 0x30, Ascii(pc.AbstractSyntax));
                    foreach (string ts in pc.TransferSyntaxes)
                    {
                        WriteItem(pcBody, 0x40, Ascii(ts));
                    }

                    WriteItem(body, 0x20, pcBody.WrittenSpan);
                }

                WriteUserInformation(body, rq.UserInformation);
                break;
            case AssociateAcceptPdu ac:
                WriteAssociateHeader(body, ac.ProtocolVersion, ac.CalledAeTitle, ac.CallingAeTitle);
                WriteItem(body, 0x10, Ascii(ac.ApplicationContextName));
                foreach (var pc in ac.PresentationContexts)
                {
                    var pcBody = new ArrayBufferWriter<byte>(64);
                    pcBody.Write<byte>([pc.Id, 0, (byte)pc.Outcome, 0]);
                    WriteItem(pcBody, 0x40, Ascii(pc.TransferSyntax));
                    WriteItem(body, 0x21, pcBody.WrittenSpan);
                }

                WriteUserInformation(body, ac.UserInformation);
                break;
            case AssociateRejectPdu rj:
                body.Write<byte>([0, (byte)rj.Result, (byte)rj.Source, rj.Reason]);
                break;
            case DataTransferPdu data:
                Span<byte> header = stackalloc byte[PdvHeaderLength];
                foreach (var pdv in data.Values)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header, checked((uint)(pdv.Data.Length + 2)));
                    header[4] = pdv.PresentationContextId;
                    header[5] = MessageControlHeader(pdv.IsCommand, pdv.IsLastFragment);
                    body.Write(header);
                    body.Write(pdv.Data.Span);
                }

                break;
            case ReleaseRequestPdu or ReleaseResponsePdu:
                body.Write<byte>([0, 0, 0, 0]);
                break;
            case AbortPdu abort:
                body.Write<byte>([0, 0, (byte)abort.Source, (byte)abort.Reason]);
                break;
            default:
                throw new ArgumentException("unknown PDU " + pdu.GetType().Name, nameof(pdu));
        }

        byte[] result = new byte[HeaderLength + body.WrittenCount];
        result[0] = (byte)pdu.Type;
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(2), (uint)body.WrittenCount);
        body.WrittenSpan.CopyTo(result.AsSpan(HeaderLength));
        return result;
    }

    public static byte MessageControlHeader(bool isCommand, bool isLast) => (byte)((isCommand ? 1 : 0) | (isLast ? 2 : 0));

    /// <summary>
    /// The largest body length accepted for a PDU of <paramref name="type"/>, or throws for an unrecognized type.
    /// </summary>
    public static long MaxBodyLength(byte type, uint maxDataPduLength, int maxAssociatePduLength) => type switch
    {
        (byte)PduType.AssociateRequest or (byte)PduType.AssociateAccept => maxAssociatePduLength,
        (byte)PduType.DataTransfer => maxDataPduLength,
        (byte)PduType.AssociateReject or (byte)PduType.ReleaseRequest or (byte)PduType.ReleaseResponse or (byte)PduType.Abort => 4,
        _ => throw new DicomProtocolException($"unrecognized PDU type 0x{type:X2}", DicomAbortReason.UnrecognizedPdu),
    };

    /// <summary>Parses the body (after the 6-byte header) of a PDU. P-DATA values are slices of <paramref name="body"/>.</summary>
    public static Pdu Parse(byte type, ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        switch ((PduType)type)
        {
            case PduType.AssociateRequest:
            case PduType.AssociateAccept:
                return ParseAssociate((PduType)type, span);
            case PduType.AssociateReject:
                RequireExactLength(span, 4, "A-ASSOCIATE-RJ");
                if (span[1] is not (1 or 2) || span[2] is not (1 or 2 or 3))
                {
                    throw new DicomProtocolException($"A-ASSOCIATE-RJ with result {span[1]} and source {span[2]}");
                }

                return new AssociateRejectPdu((DicomRejectResult)span[1], (DicomRejectSource)span[2], span[3]);
            case PduType.DataTransfer:
                return ParseDataTransfer(body);
            case PduType.ReleaseRequest:
                RequireExactLength(span, 4, "A-RELEASE-RQ");
                return new ReleaseRequestPdu();
            case PduType.ReleaseResponse:
                RequireExactLength(span, 4, "A-RELEASE-RP");
                return new ReleaseResponsePdu();
            case PduType.Abort:
                RequireExactLength(span, 4, "A-ABORT");
                return new AbortPdu(span[2] == 0 ? DicomAbortSource.ServiceUser : DicomAbortSource.ServiceProvider, (DicomAbortReason)span[3]);
            default:
                throw new DicomProtocolException($"unrecognized PDU type 0x{type:X2}", DicomAbortReason.UnrecognizedPdu);
        }
    }

    /// <summary>Reads AE title bytes: leading and trailing spaces are not significant (PS3.5 §6.2).</summary>
    public static string DecodeAeTitle(ReadOnlySpan<byte> field) => Encoding.ASCII.GetString(field).Trim(' ', '\0');

    private static DataTransferPdu ParseDataTransfer(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var values = new List<PresentationDataValue>(1);
        int offset = 0;
        while (offset < span.Length)
        {
            if (span.Length - offset < PdvHeaderLength)
            {
                throw new DicomProtocolException($"P-DATA-TF: truncated PDV item header at byte {offset}");
            }

            uint itemLength = BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            if (itemLength < 2 || itemLength > (uint)(span.Length - offset - 4))
            {
                throw new DicomProtocolException($"P-DATA-TF: PDV item length {itemLength} at byte {offset} does not fit the {span.Length - offset - 4} bytes left");
            }

            byte contextId = span[offset + 4];
            byte control = span[offset + 5];
            values.Add(new PresentationDataValue(contextId, (control & 1) != 0, (control & 2) != 0, body.Slice(offset + PdvHeaderLength, (int)itemLength - 2)));
            offset += 4 + (int)itemLength;
        }

        if (values.Count == 0)
        {
            throw new DicomProtocolException("P-DATA-TF without any PDV item");
        }

        return new DataTransferPdu(values);
    }

    private static Pdu ParseAssociate(PduType type, ReadOnlySpan<byte> span)
    {
        string name = type == PduType.AssociateRequest ? "A-ASSOCIATE-RQ" : "A-ASSOCIATE-AC";
        if (span.Length < AssociateFixedLength)
        {
            throw new DicomProtocolException($"{name}: {span.Length} bytes, less than the {AssociateFixedLength} of its fixed fields");
        }

        ushort version = BinaryPrimitives.ReadUInt16BigEndian(span);
        string called = DecodeAeTitle(span.Slice(4, 16));
        string calling = DecodeAeTitle(span.Slice(20, 16));
        string? applicationContext = null;
        UserInformation? userInformation = null;
        var proposals = new List<PresentationContextProposal>();
        var results = new List<PresentationContextResult>();
        var seenIds = new HashSet<byte>();

        foreach (var (itemType, value, at) in Items(span[AssociateFixedLength..], AssociateFixedLength, name))
        {
            switch (itemType)
            {
                case 0x10:
                    if (applicationContext is not null)
                    {
                        throw new DicomProtocolException($"{name}: second application context item at byte {at}", DicomAbortReason.UnexpectedPduParameter);
                    }

                    applicationContext = ReadUid(value, name + " application context");
                    break;
                case 0x20 when type == PduType.AssociateRequest:
                    var proposal = ParseProposal(value, at);
                    if (!seenIds.Add(proposal.Id))
                    {
                        throw new DicomProtocolException($"{name}: presentation context id {proposal.Id} used twice");
                    }

                    proposals.Add(proposal);
                    break;
                case 0x21 when type == PduType.AssociateAccept:
                    var result = ParseResult(value, at);
                    if (!seenIds.Add(result.Id))
                    {
                        throw new DicomProtocolException($"{name}: presentation context id {result.Id} used twice");
                    }

                    results.Add(result);
                    break;
                case 0x50:
                    if (userInformation is not null)
                    {
                        throw new DicomProtocolException($"{name}: second user information item at byte {at}", DicomAbortReason.UnexpectedPduParameter);
                    }

                    userInformation = ParseUserInformation(value, at);
                    break;
                case 0x20 or 0x21:
                    throw new DicomProtocolException($"{name}: presentation context item of type 0x{itemType:X2} at byte {at} belongs to the other PDU", DicomAbortReason.UnexpectedPduParameter);
                default:
                    break;
            }
        }

        if (applicationContext is null)
        {
            throw new DicomProtocolException($"{name}: no application context item");
        }

        if (type == PduType.AssociateRequest && proposals.Count == 0)
        {
            throw new DicomProtocolException($"{name}: no presentation context item");
        }

        if (userInformation is null)
        {
            throw new DicomProtocolException($"{name}: no user information item");
        }

        return type == PduType.AssociateRequest
            ? new AssociateRequestPdu(called, calling, applicationContext, proposals, userInformation) { ProtocolVersion = version }
            : new AssociateAcceptPdu(called, calling, applicationContext, results, userInformation) { ProtocolVersion = version };
    }

    private static PresentationContextProposal ParseProposal(ReadOnlySpan<byte> value, int at)
    {
        if (value.Length < 4)
        {
            throw new DicomProtocolException($"presentation context item at byte {at} is {value.Length} bytes long");
        }

        byte id = value[0];
        if ((id & 1) == 0)
        {
            throw new DicomProtocolException($"presentation context id {id} at byte {at} is not odd");
        }

        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>();
        foreach (var (subType, sub, subAt) in Items(value[4..], at + 4 + 4, "presentation context"))
        {
            switch (subType)
            {
                case 0x30:
                    if (abstractSyntax is not null)
                    {
                        throw new DicomProtocolException($"presentation context {id}: second abstract syntax at byte {subAt}", DicomAbortReason.UnexpectedPduParameter);
                    }

                    abstractSyntax = ReadUid(sub, "abstract syntax");
                    break;
                case 0x40:
                    if (transferSyntaxes.Count == MaxTransferSyntaxesPerContext)
                    {
                        throw new DicomProtocolException($"presentation context {id}: more than {MaxTransferSyntaxesPerContext} transfer syntaxes");
                    }

                    transferSyntaxes.Add(ReadUid(sub, "transfer syntax"));
                    break;
                default:
                    break;
            }
        }

        if (abstractSyntax is null || transferSyntaxes.Count == 0)
        {
            throw new DicomProtocolException($"presentation context {id} at byte {at} lacks its abstract syntax or transfer syntaxes");
        }

        return new PresentationContextProposal(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextResult ParseResult(ReadOnlySpan<byte> value, int at)
    {
        if (value.Length < 4)
        {
            throw new DicomProtocolException($"presentation context item at byte {at} is {value.Length} bytes long");
        }

        byte id = value[0];
        byte outcome = value[2];
        if (outcome > 4)
        {
            throw new DicomProtocolException($"presentation context {id}: result {outcome} is not defined");
        }

        string transferSyntax = string.Empty;
        foreach (var (subType, sub, _) in Items(value[4..], at + 4 + 4, "presentation context"))
        {
            if (subType == 0x40)
            {
                transferSyntax = ReadUid(sub, "transfer syntax");
            }
        }

        if (outcome == 0 && transferSyntax.Length == 0)
        {
            throw new DicomProtocolException($"accepted presentation context {id} names no transfer syntax");
        }

        return new PresentationContextResult(id, (PresentationContextOutcome)outcome, transferSyntax);
    }

    private static UserInformation ParseUserInformation(ReadOnlySpan<byte> value, int at)
    {
        var info = new UserInformation();
        bool hasMaxLength = false;
        foreach (var (subType, sub, subAt) in Items(value, at + 4, "user information"))
        {
            switch (subType)
            {
                case 0x51:
                    RequireExactLength(sub, 4, "maximum length sub-item");
                    info = info with { MaxPduLength = BinaryPrimitives.ReadUInt32BigEndian(sub) };
                    hasMaxLength = true;
                    break;
                case 0x52:
                    info = info with { ImplementationClassUid = ReadUid(sub, "implementation class UID") };
                    break;
                case 0x55:
                    if (sub.Length > 16)
                    {
                        throw new DicomProtocolException($"implementation version name at byte {subAt} is {sub.Length} bytes long (16 at most)");
                    }

                    info = info with { ImplementationVersionName = ReadText(sub, "implementation version name") };
                    break;
                case 0x53:
                    RequireExactLength(sub, 4, "asynchronous operations window sub-item");
                    info = info with { AsynchronousOperations = (BinaryPrimitives.ReadUInt16BigEndian(sub), BinaryPrimitives.ReadUInt16BigEndian(sub[2..])) };
                    break;
                default:
                    break;
            }
        }

        // PS3.7 D.3.3.1: the maximum length sub-item is mandatory (the implementation class UID is too, but old
        // implementations omit it and dcmtk accepts that by default, so we do as well).
        return hasMaxLength ? info : throw new DicomProtocolException($"user information at byte {at} has no maximum length sub-item");
    }

    /// <summary>Walks items of the form type (1), reserved (1), length (2, big endian), value.</summary>
    private static List<(byte Type, byte[] Value, int At)> Items(ReadOnlySpan<byte> span, int baseOffset, string where)
    {
        var items = new List<(byte, byte[], int)>();
        int offset = 0;
        while (offset < span.Length)
        {
            if (span.Length - offset < 4)
            {
                throw new DicomProtocolException($"{where}: truncated item header at byte {baseOffset + offset}");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]);
            if (length > span.Length - offset - 4)
            {
                throw new DicomProtocolException($"{where}: item of type 0x{span[offset]:X2} at byte {baseOffset + offset} declares {length} bytes, only {span.Length - offset - 4} remain");
            }

            items.Add((span[offset], span.Slice(offset + 4, length).ToArray(), baseOffset + offset));
            offset += 4 + length;
        }

        return items;
    }

    private static string ReadUid(ReadOnlySpan<byte> value, string what)
    {
        string uid = ReadText(value, what);
        if (uid.Length == 0 || uid.Length > MaxUidLength)
        {
            throw new DicomProtocolException($"{what}: UID of {uid.Length} characters");
        }

        foreach (char c in uid)
        {
            if (c is not ((>= '0' and <= '9') or '.'))
            {
                throw new DicomProtocolException($"{what}: UID holds a character other than digits and dots");
            }
        }

        return uid;
    }

    private static string ReadText(ReadOnlySpan<byte> value, string what)
    {
        foreach (byte b in value)
        {
            if (b is < 0x20 and not 0 or > 0x7E)
            {
                throw new DicomProtocolException($"{what}: byte 0x{b:X2} is not printable ASCII");
            }
        }

        return Encoding.ASCII.GetString(value).Trim(' ', '\0');
    }

    private static void RequireExactLength(ReadOnlySpan<byte> span, int length, string what)
    {
        if (span.Length != length)
        {
            throw new DicomProtocolException($"{what}: {span.Length} bytes where {length} are defined");
        }
    }

    private static void WriteAssociateHeader(ArrayBufferWriter<byte> body, ushort version, string called, string calling)
    {
        Span<byte> fixedPart = stackalloc byte[AssociateFixedLength];
        fixedPart.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart, version);
        WriteAeTitle(fixedPart.Slice(4, 16), called);
        WriteAeTitle(fixedPart.Slice(20, 16), calling);
        body.Write(fixedPart);
    }

    private static void WriteAeTitle(Span<byte> field, string aeTitle)
    {
        field.Fill((byte)' ');
        _ = Encoding.ASCII.GetBytes(aeTitle.AsSpan(0, Math.Min(16, aeTitle.Length)), field);
    }

    private static void WriteUserInformation(ArrayBufferWriter<byte> body, UserInformation info)
    {
        var ui = new ArrayBufferWriter<byte>(64);
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(four, info.MaxPduLength);
        WriteItem(ui, 0x51, four);
        if (info.ImplementationClassUid is not null)
        {
            WriteItem(ui, 0x52, Ascii(info.ImplementationClassUid));
        }

        if (info.AsynchronousOperations is { } window)
        {
            BinaryPrimitives.WriteUInt16BigEndian(four, window.Invoked);
            BinaryPrimitives.WriteUInt16BigEndian(four[2..], window.Performed);
            WriteItem(ui, 0x53, four);
        }

        if (info.ImplementationVersionName is not null)
        {
            WriteItem(ui, 0x55, Ascii(info.ImplementationVersionName));
        }

        WriteItem(body, 0x50, ui.WrittenSpan);
    }

    private static void WriteItem(ArrayBufferWriter<byte> output, byte type, ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"item of type 0x{type:X2} is {value.Length} bytes long, more than an item can hold");
        }

        Span<byte> header = stackalloc byte[4];
        header[0] = type;
        header[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)value.Length);
        output.Write(header);
        output.Write(value);
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
