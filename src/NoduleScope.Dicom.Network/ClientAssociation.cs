using System.Buffers;
using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using NoduleScope.Dicom.Network.Dimse;
using NoduleScope.Dicom.Network.Pdus;
using NoduleScope.Dicom.Network.Tls;

namespace NoduleScope.Dicom.Network;

/// <summary>The requesting side of one association: connect, negotiate, send requests one at a time, release.</summary>
internal sealed class ClientAssociation : IAsyncDisposable
{
    /// <summary>A C-FIND match is a few hundred bytes; anything near this is not a query answer.</summary>
    private const int MaxIdentifierBytes = 1 << 20;

    private readonly DicomConnection connection;
    private readonly DicomNetworkLimits limits;
    private ushort nextMessageId;
    private bool closed;

    private ClientAssociation(DicomConnection connection, DicomNetworkLimits limits, IReadOnlyDictionary<byte, PresentationContextResult> results)
    {
        this.connection = connection;
        this.limits = limits;
        Results = results;
    }

    /// <summary>The peer's answer for each proposed context, by id.</summary>
    public IReadOnlyDictionary<byte, PresentationContextResult> Results { get; }

    public static async Task<ClientAssociation> OpenAsync(DicomClientOptions options, IReadOnlyList<PresentationContextProposal> proposals, CancellationToken cancellationToken)
    {
        var limits = options.Limits;
        long started = Stopwatch.GetTimestamp();
        Socket? socket = null;
        Stream? stream = null;
        DicomConnection? connection = null;
        bool handedOver = false;
        try
        {
            if (options.Transport is { } transport)
            {
                stream = transport();
            }
            else
            {
                using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    timer.CancelAfter(limits.ArtimTimeout);
                    socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(options.Host, options.Port, timer.Token).ConfigureAwait(false);
                        stream = new NetworkStream(socket, ownsSocket: true);
                        if (options.Tls is { } tls)
                        {
                            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                            stream = ssl;
                            await ssl.AuthenticateAsClientAsync(ClientAuthentication(tls, options.Host), timer.Token).ConfigureAwait(false);
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new DicomNetworkTimeoutException($"could not connect to {options.Host}:{options.Port} within {limits.ArtimTimeout.TotalSeconds:0.###} s");
                    }
                    catch (SocketException e)
                    {
                        throw new DicomNetworkException($"could not connect to {options.Host}:{options.Port}: {e.Message}", e);
                    }
                    catch (Exception e) when (e is AuthenticationException or IOException)
                    {
                        throw new DicomNetworkException($"TLS handshake with {options.Host}:{options.Port} failed: {e.Message}", e);
                    }
                }
            }

            connection = new DicomConnection(stream, limits);
            var request = new AssociateRequestPdu(options.CalledAeTitle, options.CallingAeTitle, DicomNetworkUids.ApplicationContext, proposals, new UserInformation
            {
                MaxPduLength = (uint)limits.MaxPduLength,
                ImplementationClassUid = DicomUid.ImplementationClassUid,
                ImplementationVersionName = DicomUid.ImplementationVersionName,
            });
            await connection.SendAsync(request, limits.ArtimTimeout, cancellationToken).ConfigureAwait(false);
            var left = limits.ArtimTimeout - Stopwatch.GetElapsedTime(started);
            var answer = await connection.ReceiveAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), "A-ASSOCIATE-AC", cancellationToken).ConfigureAwait(false);
            switch (answer)
            {
                case AssociateAcceptPdu accept:
                    connection.PeerMaxPduLength = accept.UserInformation.MaxPduLength;
                    var results = new Dictionary<byte, PresentationContextResult>();
                    foreach (var result in accept.PresentationContexts)
                    {
                        if (proposals.Any(p => p.Id == result.Id))
                        {
                            results[result.Id] = result;
                        }
                    }

                    var association = new ClientAssociation(connection, limits, results);
                    handedOver = true;
                    return association;
                case AssociateRejectPdu reject:
                    throw new DicomAssociationRejectedException(new DicomAssociationRejection(reject.Result, reject.Source, reject.Reason));
                case AbortPdu abort:
                    throw new DicomAssociationAbortedException(abort.Source, abort.Reason);
                default:
                    await TryAbortAsync(connection, DicomAbortReason.UnexpectedPdu, limits).ConfigureAwait(false);
                    throw new DicomProtocolException($"expected A-ASSOCIATE-AC, received {answer.Type}", DicomAbortReason.UnexpectedPdu);
            }
        }
        catch (DicomProtocolException e) when (connection is not null)
        {
            await TryAbortAsync(connection, e.Reason, limits).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (!handedOver)
            {
                if (stream is not null)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }

                socket?.Dispose();
            }
        }
    }

    /// <summary>
    /// Sends a request (with the data set read from <paramref name="dataSet"/>, when given) and waits for its response
    /// command. Any failure aborts the association, which cannot be trusted afterwards.
    /// </summary>
    public Task<DicomCommand> RequestAsync(byte contextId, DicomCommand request, Stream? dataSet, bool padOddDataSet, CancellationToken cancellationToken) =>
        ExchangeAsync(async messageId =>
        {
            await connection.SendMessageAsync(contextId, (request with { MessageId = messageId }).Encode(), dataSet, padOddDataSet, limits.InstanceTimeout, cancellationToken).ConfigureAwait(false);
            var (response, _) = await ReceiveResponseAsync(messageId, keepDataSet: false, cancellationToken).ConfigureAwait(false);
            return response;
        });

    /// <summary>
    /// Sends a C-FIND or C-MOVE request with its identifier and hands each response, with its identifier data set
    /// (C-FIND matches) when it has one, to <paramref name="onResponse"/> until the final (not pending) one, which it
    /// returns. Any failure aborts the association.
    /// </summary>
    public Task<DicomCommand> RequestUntilFinalAsync(byte contextId, DicomCommand request, byte[] identifier, Action<DicomCommand, byte[]?> onResponse, CancellationToken cancellationToken) =>
        ExchangeAsync(async messageId =>
        {
            using var dataSet = new MemoryStream(identifier, writable: false);
            await connection.SendMessageAsync(contextId, (request with { MessageId = messageId, HasDataSet = true }).Encode(), dataSet, false, limits.InstanceTimeout, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var (response, data) = await ReceiveResponseAsync(messageId, keepDataSet: true, cancellationToken).ConfigureAwait(false);
                if (response.Status is null)
                {
                    throw new DicomProtocolException("response without a Status", DicomAbortReason.InvalidPduParameterValue);
                }

                if (!response.IsPending)
                {
                    return response;
                }

                onResponse(response, data);
            }
        });

    /// <summary>Runs one request/response exchange under the next message id; a protocol error, timeout or cancellation
    /// aborts the association, a broken connection closes it.</summary>
    private async Task<DicomCommand> ExchangeAsync(Func<ushort, Task<DicomCommand>> exchange)
    {
        if (closed)
        {
            throw new InvalidOperationException("the association is closed");
        }

        ushort messageId = ++nextMessageId;
        try
        {
            return await exchange(messageId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomProtocolException or DicomNetworkTimeoutException or OperationCanceledException)
        {
            await AbortAsync(e is DicomProtocolException p ? p.Reason : DicomAbortReason.NotSpecified).ConfigureAwait(false);
            throw;
        }
        catch (DicomNetworkException)
        {
            closed = true;
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A-RELEASE-RQ, then wait for A-RELEASE-RP (within ARTIM) and close.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (closed)
        {
            return;
        }

        try
        {
            await connection.SendAsync(new ReleaseRequestPdu(), limits.ArtimTimeout, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var pdu = await connection.ReceiveAsync(limits.ArtimTimeout, "A-RELEASE-RP", cancellationToken).ConfigureAwait(false);
                if (pdu is ReleaseResponsePdu or AbortPdu)
                {
                    break;
                }

                if (pdu is not DataTransferPdu)
                {
                    throw new DicomProtocolException($"expected A-RELEASE-RP, received {pdu.Type}", DicomAbortReason.UnexpectedPdu);
                }
            }
        }
        catch (Exception e) when (e is DicomProtocolException or DicomNetworkTimeoutException)
        {
            await AbortAsync(DicomAbortReason.NotSpecified).ConfigureAwait(false);
            throw;
        }
        finally
        {
            closed = true;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task AbortAsync(DicomAbortReason reason = DicomAbortReason.NotSpecified)
    {
        if (closed)
        {
            return;
        }

        closed = true;
        await TryAbortAsync(connection, reason, limits).ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!closed)
        {
            await AbortAsync(DicomAbortReason.NotSpecified).ConfigureAwait(false);
        }
    }

    private static SslClientAuthenticationOptions ClientAuthentication(DicomClientTlsOptions tls, string host) => new()
    {
        TargetHost = tls.ServerName ?? host,
        ClientCertificates = tls.ClientCertificate is null ? null : new X509CertificateCollection { tls.ClientCertificate },
        LocalCertificateSelectionCallback = tls.ClientCertificate is null ? null : (_, _, _, _, _) => tls.ClientCertificate,
        EnabledSslProtocols = tls.Protocols,
        CertificateRevocationCheckMode = tls.RevocationMode,
        CipherSuitesPolicy = TlsPolicy.CipherSuites(),
        AllowRenegotiation = false,
        RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            TlsPolicy.ValidatePeer(certificate, chain, errors, tls.TrustedServerAuthorities, tls.RevocationMode, TlsPolicy.ServerAuthenticationOid, tls.CheckServerName),
    };

    private static async Task TryAbortAsync(DicomConnection connection, DicomAbortReason reason, DicomNetworkLimits limits)
    {
        try
        {
            await connection.SendAsync(new AbortPdu(DicomAbortSource.ServiceUser, reason), TimeSpan.FromSeconds(Math.Min(5, limits.ArtimTimeout.TotalSeconds)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomNetworkException or IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            // Going away anyway.
        }
    }

    /// <summary>The next response to <paramref name="messageId"/>, with its data set when <paramref name="keepDataSet"/>
    /// (otherwise a data set is read and dropped, within the limit).</summary>
    private async Task<(DicomCommand Response, byte[]? DataSet)> ReceiveResponseAsync(ushort messageId, bool keepDataSet, CancellationToken cancellationToken)
    {
        var command = new ArrayBufferWriter<byte>(256);
        DicomCommand? response = null;
        long dataBytes = 0;
        ArrayBufferWriter<byte>? kept = keepDataSet ? new ArrayBufferWriter<byte>(1024) : null;
        while (true)
        {
            var pdu = await connection.ReceiveAsync(limits.IdleTimeout, "response", cancellationToken).ConfigureAwait(false);
            switch (pdu)
            {
                case DataTransferPdu data:
                    foreach (var value in data.Values)
                    {
                        if (!Results.TryGetValue(value.PresentationContextId, out var context) || context.Outcome != PresentationContextOutcome.Acceptance)
                        {
                            throw new DicomProtocolException($"PDV on presentation context {value.PresentationContextId}, which was not accepted", DicomAbortReason.UnexpectedPduParameter);
                        }

                        if (value.IsCommand)
                        {
                            if (response is not null)
                            {
                                throw new DicomProtocolException("command fragment while a response data set is being received", DicomAbortReason.UnexpectedPduParameter);
                            }

                            if (command.WrittenCount + (long)value.Data.Length > limits.MaxCommandSetLength)
                            {
                                throw new DicomProtocolException($"command set longer than {limits.MaxCommandSetLength} bytes", DicomAbortReason.NotSpecified);
                            }

                            command.Write(value.Data.Span);
                            if (value.IsLastFragment)
                            {
                                response = DicomCommand.Parse(command.WrittenSpan);
                                if (response.IsRequest)
                                {
                                    throw new DicomProtocolException("request received while waiting for a response", DicomAbortReason.UnexpectedPduParameter);
                                }

                                if (response.MessageIdBeingRespondedTo != messageId)
                                {
                                    throw new DicomProtocolException($"response to message {response.MessageIdBeingRespondedTo} while waiting for {messageId}", DicomAbortReason.UnexpectedPduParameter);
                                }

                                if (!response.HasDataSet)
                                {
                                    return (response, null);
                                }
                            }
                        }
                        else
                        {
                            if (response is null)
                            {
                                throw new DicomProtocolException("data set fragment before its command", DicomAbortReason.UnexpectedPduParameter);
                            }

                            dataBytes += value.Data.Length;
                            if (dataBytes > limits.MaxDataSetBytes)
                            {
                                throw new DicomProtocolException($"data set larger than {limits.MaxDataSetBytes} bytes", DicomAbortReason.NotSpecified);
                            }

                            if (kept is not null && dataBytes > MaxIdentifierBytes)
                            {
                                throw new DicomProtocolException($"response identifier larger than {MaxIdentifierBytes} bytes", DicomAbortReason.NotSpecified);
                            }

                            kept?.Write(value.Data.Span);
                            if (value.IsLastFragment)
                            {
                                return (response, kept?.WrittenSpan.ToArray());
                            }
                        }
                    }

                    break;
                case AbortPdu abort:
                    closed = true;
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw new DicomAssociationAbortedException(abort.Source, abort.Reason);
                default:
                    throw new DicomProtocolException($"unexpected {pdu.Type} while waiting for a response", DicomAbortReason.UnexpectedPdu);
            }
        }
    }
}
