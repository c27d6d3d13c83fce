using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using NoduleScope.Dicom.Network.Dimse;
using NoduleScope.Dicom.Network.Pdus;
using NoduleScope.Dicom.Network.Tls;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// One accepted TCP connection on the server side, from the TLS handshake to release or abort. Every wait is bounded
/// (ARTIM, idle, per-instance and per-association timeouts) and every protocol violation ends in an A-ABORT.
/// </summary>
internal sealed class ServerAssociation
{
    private readonly Stream transport;
    private readonly DicomServerOptions options;
    private readonly DicomNetworkLimits limits;
    private readonly IStoreHandler handler;
    private readonly ILogger logger;
    private readonly long id;
    private readonly bool overLimit;
    private readonly CancellationToken stopping;
    private readonly Dictionary<byte, AcceptedPresentationContext> contexts = [];
    private readonly long startedAt = Stopwatch.GetTimestamp();
    private readonly string remoteText;
    private readonly IPEndPoint remote;
    private DicomConnection? connection;
    private DicomAssociationInfo? info;
    private ArrayBufferWriter<byte>? commandBuffer;
    private byte commandContextId;
    private long messageStartedAt;
    private PendingMessage? pending;
    private int messages;

    /// <param name="transport">The connection's byte stream (a <see cref="NetworkStream"/> owning the socket); disposed when the association ends.</param>
    /// <param name="remote">The peer's address, checked against the allow-list.</param>
    public ServerAssociation(Stream transport, IPEndPoint remote, DicomServerOptions options, IStoreHandler handler, ILogger logger, long id, bool overLimit, CancellationToken stopping)
    {
        this.transport = transport;
        this.options = options;
        limits = options.Limits;
        this.handler = handler;
        this.logger = logger;
        this.id = id;
        this.overLimit = overLimit;
        this.stopping = stopping;
        this.remote = remote;
        remoteText = remote.ToString();
    }

    public async Task RunAsync()
    {
        Stream stream = transport;
        try
        {
            string? certificateSubject = null;
            if (options.Tls is { } tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                certificateSubject = await AuthenticateAsync(ssl, tls).ConfigureAwait(false);
                if (certificateSubject is null)
                {
                    return;
                }
            }

            connection = new DicomConnection(stream, limits);
            var first = await connection.ReceiveAsync(limits.ArtimTimeout, "A-ASSOCIATE-RQ", stopping).ConfigureAwait(false);
            if (first is not AssociateRequestPdu request)
            {
                throw new DicomProtocolException($"expected A-ASSOCIATE-RQ, received {first.Type}", DicomAbortReason.UnexpectedPdu);
            }

            info = new DicomAssociationInfo(id, request.CallingAeTitle, request.CalledAeTitle, remote, certificateSubject,
                request.UserInformation.ImplementationClassUid, request.UserInformation.ImplementationVersionName);
            var rejection = await DecideAsync(request).ConfigureAwait(false);
            if (rejection is not null)
            {
                NetworkLog.Rejected(logger, id, LogText.Sanitize(request.CallingAeTitle), LogText.Sanitize(request.CalledAeTitle), remoteText, rejection.Describe());
                await connection.SendAsync(new AssociateRejectPdu(rejection.Result, rejection.Source, rejection.Reason), limits.ArtimTimeout, stopping).ConfigureAwait(false);
                await connection.WaitForPeerCloseAsync(limits.ArtimTimeout).ConfigureAwait(false);
                return;
            }

            var results = AssociationNegotiator.Negotiate(request.PresentationContexts, options, contexts);
            connection.PeerMaxPduLength = request.UserInformation.MaxPduLength;
            var accept = new AssociateAcceptPdu(request.CalledAeTitle, request.CallingAeTitle, DicomNetworkUids.ApplicationContext, results, new UserInformation
            {
                MaxPduLength = (uint)limits.MaxPduLength,
                ImplementationClassUid = DicomUid.ImplementationClassUid,
                ImplementationVersionName = DicomUid.ImplementationVersionName,
                // We perform one operation at a time; answering the window with 1/1 says so explicitly.
                AsynchronousOperations = request.UserInformation.AsynchronousOperations is null ? null : ((ushort)1, (ushort)1),
            });
            await connection.SendAsync(accept, limits.ArtimTimeout, stopping).ConfigureAwait(false);
            NetworkLog.Accepted(logger, id, LogText.Sanitize(request.CallingAeTitle), LogText.Sanitize(request.CalledAeTitle), remoteText, contexts.Count, results.Count);
            await ServeAsync().ConfigureAwait(false);
        }
        catch (DicomProtocolException e)
        {
            NetworkLog.ProtocolError(logger, id, remoteText, e.Message);
            await TryAbortAsync(DicomAbortSource.ServiceProvider, e.Reason).ConfigureAwait(false);
        }
        catch (DicomNetworkTimeoutException e)
        {
            NetworkLog.Timeout(logger, id, remoteText, e.Message);
            await TryAbortAsync(DicomAbortSource.ServiceProvider, DicomAbortReason.NotSpecified).ConfigureAwait(false);
        }
        catch (DicomConnectionClosedException e)
        {
            NetworkLog.Closed(logger, id, remoteText, e.Message);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            NetworkLog.Stopping(logger, id);
            await TryAbortAsync(DicomAbortSource.ServiceUser, DicomAbortReason.NotSpecified).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            NetworkLog.Closed(logger, id, remoteText, e.Message);
        }
        catch (Exception e)
        {
            NetworkLog.Unexpected(logger, e, id, remoteText);
            await TryAbortAsync(DicomAbortSource.ServiceProvider, DicomAbortReason.NotSpecified).ConfigureAwait(false);
        }
        finally
        {
            if (pending is not null)
            {
                await DisposeQuietlyAsync(pending.Transaction).ConfigureAwait(false);
                pending = null;
            }

            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The client certificate's subject after a successful handshake, or null when it failed (already logged).</summary>
    private async Task<string?> AuthenticateAsync(SslStream ssl, DicomServerTlsOptions tls)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timer.CancelAfter(limits.ArtimTimeout);
        var authentication = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(tls.Certificate, tls.IntermediateCertificates, offline: true),
            ClientCertificateRequired = true,
            EnabledSslProtocols = tls.Protocols,
            CertificateRevocationCheckMode = tls.RevocationMode,
            CipherSuitesPolicy = TlsPolicy.CipherSuites(),
            AllowRenegotiation = false,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                TlsPolicy.ValidatePeer(certificate, chain, errors, tls.TrustedClientAuthorities, tls.RevocationMode, TlsPolicy.ClientAuthenticationOid, checkName: false),
        };
        try
        {
            await ssl.AuthenticateAsServerAsync(authentication, timer.Token).ConfigureAwait(false);
            return ssl.RemoteCertificate?.Subject ?? string.Empty;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            NetworkLog.TlsFailed(logger, id, remoteText, $"no handshake within {limits.ArtimTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            NetworkLog.TlsFailed(logger, id, remoteText, e.Message);
        }

        return null;
    }

    private async Task<DicomAssociationRejection?> DecideAsync(AssociateRequestPdu request)
    {
        if ((request.ProtocolVersion & 1) == 0)
        {
            return DicomAssociationRejection.ProtocolVersionNotSupported;
        }

        if (request.ApplicationContextName != DicomNetworkUids.ApplicationContext)
        {
            return DicomAssociationRejection.ApplicationContextNotSupported;
        }

        // The allow-list comes first, so an unknown peer learns nothing about our AE title or load.
        if (options.AccessControl.Check(request.CallingAeTitle, remote.Address) is { } refused)
        {
            return refused;
        }

        if (options.CheckCalledAeTitle && !string.Equals(request.CalledAeTitle, options.AeTitle.Trim(' '), StringComparison.Ordinal))
        {
            return DicomAssociationRejection.CalledAeTitleNotRecognized;
        }

        if (overLimit)
        {
            return DicomAssociationRejection.LocalLimitExceeded;
        }

        if (options.DiskSpacePath is { } path && DiskSpace.Available(path) < options.MinimumFreeDiskBytes)
        {
            return DicomAssociationRejection.TemporaryCongestion;
        }

        try
        {
            return await handler.ReviewAssociationAsync(info!, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            NetworkLog.HandlerFailed(logger, e, id);
            return DicomAssociationRejection.TemporaryCongestion;
        }
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            var timeout = NextTimeout(out string waitingFor);
            var pdu = await connection!.ReceiveAsync(timeout, waitingFor, stopping).ConfigureAwait(false);
            switch (pdu)
            {
                case DataTransferPdu data:
                    foreach (var value in data.Values)
                    {
                        await OnValueAsync(value).ConfigureAwait(false);
                    }

                    break;
                case ReleaseRequestPdu:
                    if (pending is not null)
                    {
                        // Released in the middle of a data set: the instance was never answered, so it is dropped.
                        await DisposeQuietlyAsync(pending.Transaction).ConfigureAwait(false);
                        pending = null;
                    }

                    await connection.SendAsync(new ReleaseResponsePdu(), limits.ArtimTimeout, stopping).ConfigureAwait(false);
                    NetworkLog.Released(logger, id, messages);
                    await connection.WaitForPeerCloseAsync(limits.ArtimTimeout).ConfigureAwait(false);
                    return;
                case AbortPdu abort:
                    NetworkLog.AbortedByPeer(logger, id, abort.Source, abort.Reason);
                    return;
                default:
                    throw new DicomProtocolException($"unexpected {pdu.Type} on an established association", DicomAbortReason.UnexpectedPdu);
            }
        }
    }

    /// <summary>The wait allowed for the next PDU: idle timeout, shortened by the instance and association deadlines.</summary>
    private TimeSpan NextTimeout(out string waitingFor)
    {
        var timeout = limits.IdleTimeout;
        waitingFor = "PDU (idle timeout)";
        if (commandBuffer is not null || pending is not null)
        {
            var left = limits.InstanceTimeout - Stopwatch.GetElapsedTime(messageStartedAt);
            if (left < timeout)
            {
                timeout = left;
                waitingFor = "end of the message (instance timeout)";
            }
        }

        var associationLeft = limits.AssociationTimeout - Stopwatch.GetElapsedTime(startedAt);
        if (associationLeft < timeout)
        {
            timeout = associationLeft;
            waitingFor = "PDU before the association timeout";
        }

        if (timeout <= TimeSpan.Zero)
        {
            throw new DicomNetworkTimeoutException($"{waitingFor} expired");
        }

        return timeout;
    }

    private async Task OnValueAsync(PresentationDataValue value)
    {
        if (!contexts.TryGetValue(value.PresentationContextId, out var context))
        {
            throw new DicomProtocolException($"PDV on presentation context {value.PresentationContextId}, which was not accepted", DicomAbortReason.UnexpectedPduParameter);
        }

        if (value.IsCommand)
        {
            if (pending is not null)
            {
                throw new DicomProtocolException("command fragment while a data set is being received", DicomAbortReason.UnexpectedPduParameter);
            }

            if (commandBuffer is null)
            {
                commandBuffer = new ArrayBufferWriter<byte>(256);
                commandContextId = value.PresentationContextId;
                messageStartedAt = Stopwatch.GetTimestamp();
            }
            else if (commandContextId != value.PresentationContextId)
            {
                throw new DicomProtocolException("command fragments on two presentation contexts", DicomAbortReason.UnexpectedPduParameter);
            }

            if (commandBuffer.WrittenCount + (long)value.Data.Length > limits.MaxCommandSetLength)
            {
                throw new DicomProtocolException($"command set longer than {limits.MaxCommandSetLength} bytes", DicomAbortReason.NotSpecified);
            }

            commandBuffer.Write(value.Data.Span);
            if (value.IsLastFragment)
            {
                var command = DicomCommand.Parse(commandBuffer.WrittenSpan);
                commandBuffer = null;
                await OnCommandAsync(context, command).ConfigureAwait(false);
            }

            return;
        }

        if (pending is null)
        {
            throw new DicomProtocolException("data set fragment without a command that announced one", DicomAbortReason.UnexpectedPduParameter);
        }

        if (pending.Context.Id != value.PresentationContextId)
        {
            throw new DicomProtocolException("data set fragment on another presentation context than its command", DicomAbortReason.UnexpectedPduParameter);
        }

        pending.Bytes += value.Data.Length;
        if (pending.Bytes > limits.MaxDataSetBytes)
        {
            throw new DicomProtocolException($"data set larger than {limits.MaxDataSetBytes} bytes", DicomAbortReason.NotSpecified);
        }

        try
        {
            await pending.Transaction.WriteAsync(value.Data, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            // The handler cannot take the instance (disk full, I/O error): drop the rest and answer with a failure.
            NetworkLog.HandlerFailed(logger, e, id);
            await DisposeQuietlyAsync(pending.Transaction).ConfigureAwait(false);
            pending.Transaction = new RejectedStoreTransaction(DicomStatus.OutOfResources.WithComment("the instance could not be written"));
        }

        if (value.IsLastFragment)
        {
            var message = pending;
            pending = null;
            DicomStatus status;
            try
            {
                status = await message.Transaction.CommitAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                NetworkLog.HandlerFailed(logger, e, id);
                status = DicomStatus.ProcessingFailure;
            }
            finally
            {
                await DisposeQuietlyAsync(message.Transaction).ConfigureAwait(false);
            }

            await RespondAsync(message.Context, message.Command, status).ConfigureAwait(false);
        }
    }

    private async Task OnCommandAsync(AcceptedPresentationContext context, DicomCommand command)
    {
        if (!command.IsRequest)
        {
            throw new DicomProtocolException($"unexpected response command 0x{(ushort)command.CommandField:X4}", DicomAbortReason.UnexpectedPduParameter);
        }

        if (command.CommandField == DimseCommandField.CCancelRequest)
        {
            return;
        }

        IStoreTransaction transaction;
        switch (command.CommandField)
        {
            case DimseCommandField.CEchoRequest:
                var echo = context.AbstractSyntax == DicomNetworkUids.Verification ? DicomStatus.Success : DicomStatus.SopClassNotSupported;
                transaction = new RejectedStoreTransaction(echo);
                break;
            case DimseCommandField.CStoreRequest when command.HasDataSet:
                transaction = await BeginStoreAsync(context, command).ConfigureAwait(false);
                break;
            case DimseCommandField.CStoreRequest:
                transaction = new RejectedStoreTransaction(DicomStatus.CannotUnderstand.WithComment("C-STORE request without a data set"));
                break;
            default:
                transaction = new RejectedStoreTransaction(DicomStatus.UnrecognizedOperation);
                break;
        }

        if (command.HasDataSet)
        {
            pending = new PendingMessage(command, context, transaction);
            return;
        }

        var status = await transaction.CommitAsync(stopping).ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        await RespondAsync(context, command, status).ConfigureAwait(false);
    }

    private async Task<IStoreTransaction> BeginStoreAsync(AcceptedPresentationContext context, DicomCommand command)
    {
        if (string.IsNullOrEmpty(command.AffectedSopClassUid) || string.IsNullOrEmpty(command.AffectedSopInstanceUid))
        {
            return new RejectedStoreTransaction(DicomStatus.CannotUnderstand.WithComment("no Affected SOP Class or Instance UID"));
        }

        if (command.AffectedSopClassUid != context.AbstractSyntax)
        {
            return new RejectedStoreTransaction(DicomStatus.SopClassNotSupported.WithComment("SOP class differs from the presentation context"));
        }

        if (!IsUidText(command.AffectedSopInstanceUid))
        {
            return new RejectedStoreTransaction(DicomStatus.CannotUnderstand.WithComment("Affected SOP Instance UID is not a UID"));
        }

        var request = new DicomStoreRequest(info!, command.AffectedSopClassUid, command.AffectedSopInstanceUid, context.TransferSyntax, command.MessageId, command.Priority ?? 0);
        try
        {
            return await handler.BeginStoreAsync(request, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            NetworkLog.HandlerFailed(logger, e, id);
            return new RejectedStoreTransaction(DicomStatus.OutOfResources);
        }
    }

    private async Task RespondAsync(AcceptedPresentationContext context, DicomCommand request, DicomStatus status)
    {
        var response = new DicomCommand
        {
            CommandField = (DimseCommandField)((ushort)request.CommandField | 0x8000),
            MessageIdBeingRespondedTo = request.MessageId,
            AffectedSopClassUid = request.AffectedSopClassUid ?? context.AbstractSyntax,
            AffectedSopInstanceUid = request.AffectedSopInstanceUid,
            HasDataSet = false,
            Status = status.Code,
            ErrorComment = status.IsSuccess ? null : status.ErrorComment,
        };
        await connection!.SendMessageAsync(context.Id, response.Encode(), null, false, limits.IdleTimeout, stopping).ConfigureAwait(false);
        messages++;
        if (request.CommandField == DimseCommandField.CStoreRequest && logger.IsEnabled(LogLevel.Debug))
        {
            NetworkLog.Stored(logger, id, LogText.Sanitize(request.AffectedSopInstanceUid), status.ToString());
        }
    }

    private async Task TryAbortAsync(DicomAbortSource source, DicomAbortReason reason)
    {
        if (connection is null)
        {
            return;
        }

        try
        {
            await connection.SendAsync(new AbortPdu(source, reason), TimeSpan.FromSeconds(Math.Min(5, limits.ArtimTimeout.TotalSeconds)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DicomNetworkException or IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            // The connection is going away anyway.
        }
    }

    private static bool IsUidText(string uid)
    {
        foreach (char c in uid)
        {
            if (c is not ((>= '0' and <= '9') or '.'))
            {
                return false;
            }
        }

        return uid.Length is > 0 and <= 64;
    }

    private async Task DisposeQuietlyAsync(IStoreTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            NetworkLog.HandlerFailed(logger, e, id);
        }
    }
}
