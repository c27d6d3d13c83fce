using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;

namespace NoduleScope.Pipeline.Workers;

/// <summary>
/// One worker loop: claims a job, renews its lease while the processor runs, then records done (with the files to send),
/// failed or a retry. Results go to a folder of their own per attempt, and only the attempt that still holds the lease
/// when it completes is recorded, so a stalled worker whose job was taken over cannot overwrite the other's result.
/// </summary>
public sealed class JobWorker
{
    private readonly IJobQueue queue;
    private readonly IJobProcessor processor;
    private readonly StorageRoot storage;
    private readonly ILogger logger;
    private readonly PipelineCounters? counters;

    public JobWorker(IJobQueue queue, IJobProcessor processor, StorageRoot storage, JobWorkerOptions options, ILogger? logger = null, PipelineCounters? counters = null)
    {
        this.queue = queue ?? throw new ArgumentNullException(nameof(queue));
        this.processor = processor ?? throw new ArgumentNullException(nameof(processor));
        this.storage = storage ?? throw new ArgumentNullException(nameof(storage));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        this.logger = logger ?? NullLogger.Instance;
        this.counters = counters;
    }

    public JobWorkerOptions Options { get; }

    /// <summary>Claims and processes jobs until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The queue is unreachable (database restarting, network): try again later, never lose the loop.
                logger.LogError(e, "worker {Worker}: queue error", Options.WorkerId);
                worked = false;
            }

            if (!worked)
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

    /// <summary>Claims one job and processes it; false when none was ready.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken stoppingToken)
    {
        var job = await queue.ClaimJobAsync(Options.WorkerId, stoppingToken).ConfigureAwait(false);
        if (job is null)
        {
            return false;
        }

        await ProcessAsync(job, stoppingToken).ConfigureAwait(false);
        return true;
    }

    private async Task ProcessAsync(ClaimedJob job, CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        logger.LogInformation("worker {Worker}: job {Job} (study {Study}) attempt {Attempt}", Options.WorkerId, job.JobId, job.StudyId, job.Attempt);
        using var leaseLost = new CancellationTokenSource();
        using var processing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leaseLost.Token);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job, leaseLost, heartbeatStop.Token);
        string? folder = null;
        try
        {
            folder = storage.NewResultFolder(job.JobId, job.Attempt);
            var relativeInstances = await queue.GetJobInstancePathsAsync(job.JobId, processing.Token).ConfigureAwait(false);
            var instances = relativeInstances.Select(storage.Resolve).ToList();
            var toSend = await processor.ProcessAsync(job, instances, folder, processing.Token).ConfigureAwait(false);
            await StopHeartbeatAsync(heartbeat, heartbeatStop).ConfigureAwait(false);
            if (leaseLost.IsCancellationRequested)
            {
                throw new LeaseLostException();
            }

            string? destination = toSend.Count > 0 ? Options.Destination : null;
            var sends = destination is null ? [] : toSend.Select(storage.Relative).ToList();
            await queue.CompleteJobAsync(job, storage.Relative(folder), sends, destination, CancellationToken.None).ConfigureAwait(false);
            counters?.JobEnded(JobState.Done, watch.Elapsed);
            DeleteEarlierAttempts(folder);
            try
            {
                await processor.CompletedAsync(job, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "worker {Worker}: job {Job} is done, but its follow-up work failed", Options.WorkerId, job.JobId);
            }

            logger.LogInformation("worker {Worker}: job {Job} done in {Seconds:0.0} s, {Count} file(s) to send", Options.WorkerId, job.JobId, watch.Elapsed.TotalSeconds, sends.Count);
        }
        catch (Exception e) when (e is LeaseLostException || (e is OperationCanceledException && leaseLost.IsCancellationRequested))
        {
            counters?.LeaseLost();
            logger.LogWarning("worker {Worker}: lost the lease on job {Job}; its result is discarded", Options.WorkerId, job.JobId);
            DeleteQuietly(folder);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseQuietlyAsync(job).ConfigureAwait(false);
            DeleteQuietly(folder);
        }
        catch (Exception e)
        {
            bool permanent = e is StudyInputException;
            string message = permanent ? e.Message : $"{e.GetType().Name}: {e.Message}";
            try
            {
                var state = await queue.FailJobAsync(job, message, permanent, CancellationToken.None).ConfigureAwait(false);
                counters?.JobEnded(state, watch.Elapsed);
                logger.LogWarning("worker {Worker}: job {Job} attempt {Attempt} failed ({State}): {Error}", Options.WorkerId, job.JobId, job.Attempt, StateNames.Of(state), message);
            }
            catch (LeaseLostException)
            {
                counters?.LeaseLost();
            }

            DeleteQuietly(folder);
        }
        finally
        {
            await StopHeartbeatAsync(heartbeat, heartbeatStop).ConfigureAwait(false);
        }
    }

    private async Task HeartbeatAsync(ClaimedJob job, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        var interval = queue.Options.LeaseDuration / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
                if (!await queue.HeartbeatAsync(job, stop).ConfigureAwait(false))
                {
                    await leaseLost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // One missed heartbeat is not a lost lease: the next one may get through before it expires.
                logger.LogWarning(e, "worker {Worker}: heartbeat for job {Job} failed", Options.WorkerId, job.JobId);
            }
        }
    }

    private static async Task StopHeartbeatAsync(Task heartbeat, CancellationTokenSource stop)
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await heartbeat.ConfigureAwait(false);
    }

    private async Task ReleaseQuietlyAsync(ClaimedJob job)
    {
        try
        {
            await queue.ReleaseJobAsync(job, "the worker is stopping", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The lease will expire and recovery will put the job back.
            logger.LogWarning(e, "worker {Worker}: could not release job {Job}", Options.WorkerId, job.JobId);
        }
    }

    /// <summary>Folders of attempts that were interrupted (killed worker, lost lease): only the recorded one is a result.</summary>
    private static void DeleteEarlierAttempts(string recorded)
    {
        string jobFolder = Path.GetDirectoryName(recorded)!;
        foreach (string attempt in Directory.EnumerateDirectories(jobFolder))
        {
            if (!string.Equals(attempt, recorded, StringComparison.Ordinal))
            {
                DeleteQuietly(attempt);
            }
        }
    }

    private static void DeleteQuietly(string? folder)
    {
        try
        {
            if (folder is not null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for inspection; it is never recorded as a result.
        }
    }
}
