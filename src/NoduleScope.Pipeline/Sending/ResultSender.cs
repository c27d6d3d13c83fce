using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NoduleScope.Dicom.Network;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;

namespace NoduleScope.Pipeline.Sending;

/// <summary>
/// Sends the queued result files (SR, SEG, SC) to the PACS with C-STORE, one association per batch. Each attempt is
/// recorded with the peer's status; failed files are retried with exponential back-off until their attempts run out.
/// </summary>
public sealed class ResultSender
{
    private readonly IJobQueue queue;
    private readonly StorageRoot storage;
    private readonly ILogger logger;
    private readonly PipelineCounters? counters;
    private readonly DicomClient client;

    public ResultSender(IJobQueue queue, StorageRoot storage, ResultSenderOptions options, ILogger? logger = null, PipelineCounters? counters = null)
    {
        this.queue = queue ?? throw new ArgumentNullException(nameof(queue));
        this.storage = storage ?? throw new ArgumentNullException(nameof(storage));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? NullLogger.Instance;
        this.counters = counters;
        client = new DicomClient(options.Pacs);
    }

    public ResultSenderOptions Options { get; }

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "sender {Worker}: queue error", Options.WorkerId);
                sent = 0;
            }

            if (sent == 0)
            {
                try
                {
                    await Task.Delay(Options.PollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims one batch of due files and sends it; returns how many were tried.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await queue.ClaimSendsAsync(Options.WorkerId, Options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var paths = new List<string>(claimed.Count);
        var outcome = new Dictionary<string, (bool Ok, string? Status, string? Detail)>(StringComparer.Ordinal);
        foreach (var send in claimed)
        {
            try
            {
                paths.Add(storage.Resolve(send.File));
            }
            catch (ArgumentException e)
            {
                outcome[send.SendId] = (false, null, e.Message);
            }
        }

        IReadOnlyList<DicomStoreResult> results;
        try
        {
            results = paths.Count == 0 ? [] : await client.StoreAsync(paths, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            results = [.. paths.Select(p => new DicomStoreResult(p, null, null, e.Message))];
        }

        var byPath = results.ToDictionary(r => r.Path, StringComparer.Ordinal);
        foreach (var send in claimed)
        {
            if (!outcome.TryGetValue(send.SendId, out var o))
            {
                var r = byPath.GetValueOrDefault(storage.Resolve(send.File));
                string? status = r?.Status is { } s ? "0x" + s.Code.ToString("X4", CultureInfo.InvariantCulture) : null;
                string? detail = r is null ? "no result" : r.Error ?? r.Status?.ErrorComment;
                o = (r?.Succeeded == true, status, detail);
            }

            var state = await queue.CompleteSendAsync(send, o.Ok, o.Status, o.Detail, CancellationToken.None).ConfigureAwait(false);
            counters?.Send(o.Ok);
            if (!o.Ok)
            {
                logger.LogWarning("sender {Worker}: send {Send} of job {Job} attempt {Attempt} failed ({State}): {Status} {Detail}",
                    Options.WorkerId, send.SendId, send.JobId, send.Attempt, StateNames.Of(state), o.Status, o.Detail);
            }
        }

        return claimed.Count;
    }
}
