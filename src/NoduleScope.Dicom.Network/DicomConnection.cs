using System.Buffers.Binary;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// PDU input and output on one transport stream (TCP or TLS). Reads are bounded: the declared PDU length is checked
/// against the limit for its type before the body is read into a buffer that is reused from PDU to PDU.
/// </summary>
internal sealed class DicomConnection : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly DicomNetworkLimits limits;
    private readonly byte[] header = new byte[PduCodec.HeaderLength];
    private byte[] receiveBuffer = new byte[16 * 1024];
    private byte[]? sendBuffer;

    public DicomConnection(Stream stream, DicomNetworkLimits limits)
    {
        this.stream = stream;
        this.limits = limits;
    }

    /// <summary>The peer's maximum P-DATA-TF length from its user information; 0 means it set no limit.</summary>
    public uint PeerMaxPduLength { get; set; }

    /// <summary>
    /// Reads the next PDU. The data of P-DATA values lie in a buffer that the next call overwrites.
    /// </summary>
    public async ValueTask<Pdu> ReceiveAsync(TimeSpan timeout, string waitingFor, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            int got = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, timer.Token).ConfigureAwait(false);
            if (got == 0)
            {
                throw new DicomConnectionClosedException($"connection closed by the peer while waiting for {waitingFor}");
            }

            if (got < header.Length)
            {
                throw new DicomConnectionClosedException($"connection closed by the peer inside a PDU header ({got} of 6 bytes)");
            }

            byte type = header[0];
            uint length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2));
            long max = PduCodec.MaxBodyLength(type, (uint)limits.MaxPduLength, limits.MaxAssociatePduLength);
            if (length > max)
            {
                throw new DicomProtocolException($"PDU of type 0x{type:X2} declares {length} bytes, more than the {max} accepted");
            }

            if (receiveBuffer.Length < length)
            {
                receiveBuffer = new byte[Math.Max(length, Math.Min(max, (long)receiveBuffer.Length * 2))];
            }

            got = await stream.ReadAtLeastAsync(receiveBuffer.AsMemory(0, (int)length), (int)length, throwOnEndOfStream: false, timer.Token).ConfigureAwait(false);
            if (got < length)
            {
                throw new DicomConnectionClosedException($"connection closed by the peer inside a PDU of type 0x{type:X2} ({got} of {length} bytes)");
            }

            return PduCodec.Parse(type, receiveBuffer.AsMemory(0, (int)length));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DicomNetworkTimeoutException($"no {waitingFor} within {timeout.TotalSeconds:0.###} s");
        }
        catch (IOException e)
        {
            throw new DicomConnectionClosedException("connection lost: " + e.Message, e);
        }
    }

    public async ValueTask SendAsync(Pdu pdu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await stream.WriteAsync(PduCodec.Encode(pdu), timer.Token).ConfigureAwait(false);
            await stream.FlushAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DicomNetworkTimeoutException($"could not send {pdu.Type} within {timeout.TotalSeconds:0.###} s");
        }
        catch (IOException e)
        {
            throw new DicomConnectionClosedException("connection lost: " + e.Message, e);
        }
    }

    /// <summary>
    /// Sends a DIMSE message: the command set, then the data set read from <paramref name="dataSet"/> (a seekable stream,
    /// sent from its position to its end), each cut into P-DATA-TF PDUs that fit the peer's maximum length. With
    /// <paramref name="padOddDataSet"/>, a data set of odd length gets a trailing zero byte (a deflated stream may end on
    /// an odd byte; fragments must have even length, and inflaters ignore what follows the stream's end).
    /// </summary>
    public async ValueTask SendMessageAsync(byte contextId, ReadOnlyMemory<byte> command, Stream? dataSet, bool padOddDataSet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            int fragment = MaxFragmentLength();
            if (sendBuffer is null || sendBuffer.Length < 12 + fragment)
            {
                sendBuffer = new byte[PduCodec.HeaderLength + PduCodec.PdvHeaderLength + fragment];
            }

            int offset = 0;
            do
            {
                int count = Math.Min(fragment, command.Length - offset);
                command.Slice(offset, count).CopyTo(sendBuffer.AsMemory(12));
                offset += count;
                await SendFragmentAsync(contextId, isCommand: true, isLast: offset == command.Length, count, timer.Token).ConfigureAwait(false);
            }
            while (offset < command.Length);

            if (dataSet is null)
            {
                return;
            }

            long remaining = dataSet.Length - dataSet.Position;
            bool pad = padOddDataSet && (remaining & 1) == 1;
            do
            {
                int count = (int)Math.Min(fragment, remaining);
                await dataSet.ReadExactlyAsync(sendBuffer.AsMemory(12, count), timer.Token).ConfigureAwait(false);
                remaining -= count;
                if (remaining == 0 && pad)
                {
                    // The fragment length is even, so an odd last fragment is shorter than it and the byte fits.
                    sendBuffer[12 + count++] = 0;
                }

                await SendFragmentAsync(contextId, isCommand: false, isLast: remaining == 0, count, timer.Token).ConfigureAwait(false);
            }
            while (remaining > 0);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DicomNetworkTimeoutException($"could not send the message within {timeout.TotalSeconds:0.###} s");
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new DicomConnectionClosedException("connection lost: " + e.Message, e);
        }
    }

    /// <summary>Reads and drops whatever comes until the peer closes the connection or <paramref name="timeout"/> ends (ARTIM after release or rejection).</summary>
    public async ValueTask WaitForPeerCloseAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        byte[] scratch = new byte[512];
        try
        {
            while (await stream.ReadAsync(scratch, timer.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The peer kept the connection open past ARTIM or dropped it: either way we close it now.
        }
    }

    public ValueTask DisposeAsync() => stream.DisposeAsync();

    /// <summary>Data bytes per PDV: the peer's maximum (or ours when it set none) less the PDV item header.</summary>
    private int MaxFragmentLength()
    {
        long max = PeerMaxPduLength == 0 ? limits.MaxPduLength : Math.Min(PeerMaxPduLength, (uint)limits.MaxPduLength);
        if (max <= PduCodec.PdvHeaderLength)
        {
            throw new DicomProtocolException($"the peer's maximum PDU length {PeerMaxPduLength} cannot carry data", DicomAbortReason.InvalidPduParameterValue);
        }

        return (int)max - PduCodec.PdvHeaderLength;
    }

    private async ValueTask SendFragmentAsync(byte contextId, bool isCommand, bool isLast, int count, CancellationToken cancellationToken)
    {
        byte[] buffer = sendBuffer!;
        buffer[0] = (byte)PduType.DataTransfer;
        buffer[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(2), (uint)(PduCodec.PdvHeaderLength + count));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(6), (uint)(count + 2));
        buffer[10] = contextId;
        buffer[11] = PduCodec.MessageControlHeader(isCommand, isLast);
        await stream.WriteAsync(buffer.AsMemory(0, 12 + count), cancellationToken).ConfigureAwait(false);
        if (isLast)
        {
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
