using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NoduleScope.Dicom.Network.Dimse;

/// <summary>
/// A DIMSE command set (group 0000), always encoded implicit VR little endian whatever the presentation context
/// (PS3.7 §6.3.1). Only the elements C-ECHO, C-STORE, C-FIND and C-MOVE use are kept; others are skipped on parsing.
/// </summary>
internal sealed record DicomCommand
{
    /// <summary>Command Data Set Type value meaning "no data set follows".</summary>
    public const ushort NoDataSet = 0x0101;

    public required DimseCommandField CommandField { get; init; }

    public ushort MessageId { get; init; }

    public ushort? MessageIdBeingRespondedTo { get; init; }

    public string? AffectedSopClassUid { get; init; }

    public string? AffectedSopInstanceUid { get; init; }

    public ushort? Priority { get; init; }

    public bool HasDataSet { get; init; }

    public ushort? Status { get; init; }

    public string? ErrorComment { get; init; }

    /// <summary>C-MOVE-RQ: the AE title the instances are to be sent to.</summary>
    public string? MoveDestination { get; init; }

    /// <summary>C-MOVE-RSP: Number of Remaining, Completed, Failed and Warning Sub-operations.</summary>
    public ushort? RemainingSuboperations { get; init; }

    public ushort? CompletedSuboperations { get; init; }

    public ushort? FailedSuboperations { get; init; }

    public ushort? WarningSuboperations { get; init; }

    /// <summary>Status 0xFF00 or 0xFF01: more C-FIND/C-MOVE responses follow.</summary>
    public bool IsPending => Status is 0xFF00 or 0xFF01;

    public bool IsRequest => ((ushort)CommandField & 0x8000) == 0;

    public byte[] Encode()
    {
        var body = new ArrayBufferWriter<byte>(128);
        if (AffectedSopClassUid is not null)
        {
            WriteText(body, 0x0002, AffectedSopClassUid, 0);
        }

        WriteUInt16(body, 0x0100, (ushort)CommandField);
        if (IsRequest)
        {
            WriteUInt16(body, 0x0110, MessageId);
        }

        if (MessageIdBeingRespondedTo is { } respondedTo)
        {
            WriteUInt16(body, 0x0120, respondedTo);
        }

        if (MoveDestination is not null)
        {
            WriteText(body, 0x0600, MoveDestination, (byte)' ');
        }

        if (Priority is { } priority)
        {
            WriteUInt16(body, 0x0700, priority);
        }

        WriteUInt16(body, 0x0800, HasDataSet ? (ushort)0x0000 : NoDataSet);
        if (Status is { } status)
        {
            WriteUInt16(body, 0x0900, status);
        }

        if (ErrorComment is not null)
        {
            WriteText(body, 0x0902, ErrorComment.Length > 64 ? ErrorComment[..64] : ErrorComment, (byte)' ');
        }

        if (AffectedSopInstanceUid is not null)
        {
            WriteText(body, 0x1000, AffectedSopInstanceUid, 0);
        }

        ushort?[] suboperations = [RemainingSuboperations, CompletedSuboperations, FailedSuboperations, WarningSuboperations];
        for (int i = 0; i < suboperations.Length; i++)
        {
            if (suboperations[i] is { } count)
            {
                WriteUInt16(body, (ushort)(0x1020 + i), count);
            }
        }

        byte[] result = new byte[12 + body.WrittenCount];
        BinaryPrimitives.WriteUInt32LittleEndian(result, 0x00000000);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), 4);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(8), (uint)body.WrittenCount);
        body.WrittenSpan.CopyTo(result.AsSpan(12));
        return result;
    }

    /// <summary>Parses a command set; every length is checked against the bytes left.</summary>
    public static DicomCommand Parse(ReadOnlySpan<byte> bytes)
    {
        DimseCommandField? field = null;
        ushort? messageId = null, respondedTo = null, priority = null, dataSetType = null, status = null;
        ushort? remaining = null, completed = null, failed = null, warning = null;
        string? sopClass = null, sopInstance = null, comment = null, moveDestination = null;
        int offset = 0;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < 8)
            {
                throw new DicomProtocolException($"command set: truncated element header at byte {offset}");
            }

            ushort group = BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
            ushort element = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(offset + 2)..]);
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[(offset + 4)..]);
            if (group != 0x0000)
            {
                throw new DicomProtocolException($"command set: element ({group:X4},{element:X4}) at byte {offset} is outside group 0000");
            }

            if (length > (uint)(bytes.Length - offset - 8))
            {
                throw new DicomProtocolException($"command set: element (0000,{element:X4}) at byte {offset} declares {length} bytes, only {bytes.Length - offset - 8} remain");
            }

            var value = bytes.Slice(offset + 8, (int)length);
            switch (element)
            {
                case 0x0002: sopClass = ReadUid(value, "Affected SOP Class UID"); break;
                case 0x0100: field = (DimseCommandField)ReadUInt16(value, "Command Field"); break;
                case 0x0110: messageId = ReadUInt16(value, "Message ID"); break;
                case 0x0120: respondedTo = ReadUInt16(value, "Message ID Being Responded To"); break;
                case 0x0700: priority = ReadUInt16(value, "Priority"); break;
                case 0x0800: dataSetType = ReadUInt16(value, "Command Data Set Type"); break;
                case 0x0900: status = ReadUInt16(value, "Status"); break;
                case 0x0902: comment = Encoding.ASCII.GetString(value).Trim(' ', '\0'); break;
                case 0x1000: sopInstance = ReadUid(value, "Affected SOP Instance UID"); break;
                case 0x0600: moveDestination = value.Length <= 16 ? Encoding.ASCII.GetString(value).Trim(' ', '\0') : throw new DicomProtocolException($"command set: Move Destination is {value.Length} bytes long (16 at most)"); break;
                case 0x1020: remaining = ReadUInt16(value, "Number of Remaining Sub-operations"); break;
                case 0x1021: completed = ReadUInt16(value, "Number of Completed Sub-operations"); break;
                case 0x1022: failed = ReadUInt16(value, "Number of Failed Sub-operations"); break;
                case 0x1023: warning = ReadUInt16(value, "Number of Warning Sub-operations"); break;
                default: break;
            }

            offset += 8 + (int)length;
        }

        if (field is null || dataSetType is null)
        {
            throw new DicomProtocolException("command set without Command Field or Command Data Set Type");
        }

        bool isRequest = ((ushort)field.Value & 0x8000) == 0;
        if (isRequest && messageId is null && field != DimseCommandField.CCancelRequest)
        {
            throw new DicomProtocolException("request command set without Message ID");
        }

        return new DicomCommand
        {
            CommandField = field.Value,
            MessageId = messageId ?? 0,
            MessageIdBeingRespondedTo = respondedTo,
            AffectedSopClassUid = sopClass,
            AffectedSopInstanceUid = sopInstance,
            Priority = priority,
            HasDataSet = dataSetType != NoDataSet,
            Status = status,
            ErrorComment = comment,
            MoveDestination = moveDestination,
            RemainingSuboperations = remaining,
            CompletedSuboperations = completed,
            FailedSuboperations = failed,
            WarningSuboperations = warning,
        };
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> value, string what) =>
        value.Length == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(value) : throw new DicomProtocolException($"command set: {what} is {value.Length} bytes long, not 2");

    /// <summary>UIDs are kept as text (trailing NUL or space padding removed); values beyond 64 characters are refused.</summary>
    private static string ReadUid(ReadOnlySpan<byte> value, string what)
    {
        if (value.Length > 64)
        {
            throw new DicomProtocolException($"command set: {what} is {value.Length} bytes long (64 at most)");
        }

        return Encoding.ASCII.GetString(value).Trim(' ', '\0');
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> output, ushort element, ushort value)
    {
        Span<byte> b = stackalloc byte[10];
        BinaryPrimitives.WriteUInt16LittleEndian(b, 0x0000);
        BinaryPrimitives.WriteUInt16LittleEndian(b[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(b[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(b[8..], value);
        output.Write(b);
    }

    private static void WriteText(ArrayBufferWriter<byte> output, ushort element, string value, byte padding)
    {
        byte[] text = Encoding.ASCII.GetBytes(value);
        int length = text.Length + (text.Length & 1);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0x0000);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)length);
        output.Write(header);
        output.Write(text);
        if ((text.Length & 1) == 1)
        {
            output.Write([padding]);
        }
    }
}
