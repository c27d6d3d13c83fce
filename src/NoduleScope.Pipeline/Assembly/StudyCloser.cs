using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Pipeline.Assembly;

/// <summary>
/// Closes studies that received nothing for <see cref="IdleTimeout"/> and queues their jobs; puts jobs whose workers
/// died back in the queue. Any number of closers may run against one queue (the closing is re-checked under a row lock).
/// </summary>
public sealed class StudyCloser(IJobQueue queue, TimeSpan idleTimeout, TimeSpan checkInterval, ILogger? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;
    private readonly long started = System.Diagnostics.Stopwatch.GetTimestamp();

    public TimeSpan IdleTimeout { get; } = idleTimeout;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "study closer: queue error");
            }

            try
            {
                await Task.Delay(checkInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: recovers expired leases, then closes the idle studies (not before this closer has run for a full timeout).</summary>
    public async Task<IReadOnlyList<ClosedStudy>> RunOnceAsync(CancellationToken cancellationToken)
    {
        int recovered = await queue.RecoverExpiredLeasesAsync(cancellationToken).ConfigureAwait(false);
        if (recovered > 0)
        {
            logger.LogWarning("study closer: {Count} job(s) whose worker stopped were put back in the queue", recovered);
        }

        // Silence while this process was down is not the sender's: after a restart, give interrupted transfers a full
        // timeout to resume before their studies count as complete.
        if (System.Diagnostics.Stopwatch.GetElapsedTime(started) < IdleTimeout)
        {
            return [];
        }

        var closed = await queue.CloseIdleStudiesAsync(IdleTimeout, cancellationToken).ConfigureAwait(false);
        foreach (var c in closed)
        {
            if (c.DuplicateOf is null)
            {
                logger.LogInformation("study {Study} closed with {Count} instance(s); job {Job} queued", c.StudyId, c.InstanceCount, c.JobId);
            }
            else
            {
                logger.LogInformation("study {Study} closed with {Count} instance(s) already processed by job {Previous}", c.StudyId, c.InstanceCount, c.DuplicateOf);
            }
        }

        return closed;
    }
}
