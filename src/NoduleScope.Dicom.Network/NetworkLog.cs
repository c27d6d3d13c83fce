using Microsoft.Extensions.Logging;

namespace NoduleScope.Dicom.Network;

/// <summary>Log messages of the network layer. Peer-supplied text is passed through <see cref="LogText.Sanitize"/> first.</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "DICOM server {AeTitle} listening on {EndPoint} (TLS: {Tls})")]
    public static partial void Listening(ILogger logger, string aeTitle, string endPoint, bool tls);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "association {Id}: accepted {CallingAe} -> {CalledAe} from {Remote}, {Accepted} of {Proposed} presentation contexts")]
    public static partial void Accepted(ILogger logger, long id, string callingAe, string calledAe, string remote, int accepted, int proposed);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "association {Id}: rejected {CallingAe} -> {CalledAe} from {Remote}: {Reason}")]
    public static partial void Rejected(ILogger logger, long id, string callingAe, string calledAe, string remote, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "association {Id}: released after {Messages} messages")]
    public static partial void Released(ILogger logger, long id, int messages);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "association {Id}: aborted by the peer (source {Source}, reason {Reason})")]
    public static partial void AbortedByPeer(ILogger logger, long id, DicomAbortSource source, DicomAbortReason reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "association {Id} from {Remote}: protocol error, aborting: {Message}")]
    public static partial void ProtocolError(ILogger logger, long id, string remote, string message);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "association {Id} from {Remote}: timeout, aborting: {Message}")]
    public static partial void Timeout(ILogger logger, long id, string remote, string message);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "association {Id} from {Remote}: TLS handshake failed: {Message}")]
    public static partial void TlsFailed(ILogger logger, long id, string remote, string message);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "association {Id} from {Remote}: connection closed: {Message}")]
    public static partial void Closed(ILogger logger, long id, string remote, string message);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "connection from {Remote} closed at once: {Open} connections already open")]
    public static partial void TooManyConnections(ILogger logger, string remote, int open);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "association {Id}: C-STORE {SopInstanceUid} answered {Status}")]
    public static partial void Stored(ILogger logger, long id, string sopInstanceUid, string status);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "association {Id}: the store handler failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, long id);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "association {Id} from {Remote}: unexpected error, aborting")]
    public static partial void Unexpected(ILogger logger, Exception exception, long id, string remote);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "accepting a connection failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "association {Id}: aborted because the server is stopping")]
    public static partial void Stopping(ILogger logger, long id);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "association to {Host}:{Port} ({CalledAe}): {Accepted} of {Proposed} presentation contexts accepted")]
    public static partial void ClientAssociated(ILogger logger, string host, int port, string calledAe, int accepted, int proposed);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "C-STORE of {Path} failed: {Message}")]
    public static partial void ClientStoreFailed(ILogger logger, string path, string message);
}
