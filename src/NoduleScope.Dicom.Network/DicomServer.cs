using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// A DICOM SCP for C-ECHO and C-STORE. Each connection runs as its own task; at most
/// <see cref="DicomServerOptions.MaxAssociations"/> are served at once, and as many again are answered with a
/// "local limit exceeded" rejection before further connections are closed unanswered.
/// </summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions options;
    private readonly IStoreHandler handler;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<long, Task> associations = new();
    private readonly SemaphoreSlim slots;
    private TcpListener? listener;
    private Task? acceptLoop;
    private long nextId;
    private int overLimitConnections;

    public DicomServer(DicomServerOptions options, IStoreHandler handler, ILogger<DicomServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        this.options = options;
        this.handler = handler;
        this.logger = logger ?? NullLogger<DicomServer>.Instance;
        slots = new SemaphoreSlim(options.MaxAssociations, options.MaxAssociations);
    }

    /// <summary>Where the server listens (the real port when <see cref="DicomServerOptions.Port"/> was 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)listener?.LocalEndpoint ?? throw new InvalidOperationException("the server is not started");

    /// <summary>Connections being served now (not counting those being rejected for the limit).</summary>
    public int ActiveAssociations => options.MaxAssociations - slots.CurrentCount;

    /// <summary>Binds the port and starts accepting connections.</summary>
    public void Start()
    {
        if (listener is not null)
        {
            throw new InvalidOperationException("the server is already started");
        }

        listener = new TcpListener(options.BindAddress, options.Port);
        listener.Start(backlog: 64);
        NetworkLog.Listening(logger, options.AeTitle, LocalEndPoint.ToString(), options.Tls is not null);
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Stops listening and aborts the open associations (instances not yet answered are not acknowledged).</summary>
    public async Task StopAsync()
    {
        if (listener is null || stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        if (acceptLoop is not null)
        {
            await acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(associations.Values).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stopping.Dispose();
        slots.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener!.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                NetworkLog.AcceptFailed(logger, e);
                continue;
            }

            try
            {
                Admit(socket);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The peer reset the connection before we got to it.
                NetworkLog.AcceptFailed(logger, e);
                socket.Dispose();
            }
        }
    }

    /// <summary>Starts serving a new connection, as a normal or an over-the-limit association, or closes it.</summary>
    private void Admit(Socket socket)
    {
        socket.NoDelay = true;
        bool withinLimit = slots.Wait(0);
        if (!withinLimit && Interlocked.Increment(ref overLimitConnections) > options.MaxAssociations)
        {
            Interlocked.Decrement(ref overLimitConnections);
            NetworkLog.TooManyConnections(logger, socket.RemoteEndPoint?.ToString() ?? "?", options.MaxAssociations * 2);
            socket.Close(0);
            return;
        }

        try
        {
            long id = Interlocked.Increment(ref nextId);
            var association = new ServerAssociation(new NetworkStream(socket, ownsSocket: true), socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0), options, handler, logger, id, overLimit: !withinLimit, stopping.Token);
            var task = RunAsync(association, withinLimit);
            associations[id] = task;
            _ = task.ContinueWith(_ => associations.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch
        {
            if (withinLimit)
            {
                slots.Release();
            }
            else
            {
                Interlocked.Decrement(ref overLimitConnections);
            }

            throw;
        }
    }

    private async Task RunAsync(ServerAssociation association, bool holdsSlot)
    {
        await Task.Yield();
        try
        {
            await association.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            if (holdsSlot)
            {
                slots.Release();
            }
            else
            {
                Interlocked.Decrement(ref overLimitConnections);
            }
        }
    }
}
