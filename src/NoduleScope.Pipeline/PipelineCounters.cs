namespace NoduleScope.Pipeline;

/// <summary>Counters of this process since it started, for /metrics (the queue's own counts cover all processes).</summary>
public sealed class PipelineCounters
{
    private long instancesNew;
    private long instancesReplaced;
    private long instancesDuplicate;
    private long instanceBytes;
    private long jobsDone;
    private long jobsFailed;
    private long jobsRetried;
    private long jobsLeaseLost;
    private long processingMilliseconds;
    private long sendsSucceeded;
    private long sendsFailed;

    public long InstancesNew => Interlocked.Read(ref instancesNew);

    public long InstancesReplaced => Interlocked.Read(ref instancesReplaced);

    public long InstancesDuplicate => Interlocked.Read(ref instancesDuplicate);

    public long InstanceBytes => Interlocked.Read(ref instanceBytes);

    public long JobsDone => Interlocked.Read(ref jobsDone);

    /// <summary>Jobs that ended failed or dead-lettered in this process.</summary>
    public long JobsFailed => Interlocked.Read(ref jobsFailed);

    public long JobsRetried => Interlocked.Read(ref jobsRetried);

    public long JobsLeaseLost => Interlocked.Read(ref jobsLeaseLost);

    public double ProcessingSeconds => Interlocked.Read(ref processingMilliseconds) / 1000.0;

    public long SendsSucceeded => Interlocked.Read(ref sendsSucceeded);

    public long SendsFailed => Interlocked.Read(ref sendsFailed);

    internal void Instance(Queue.InstanceOutcome outcome, long bytes)
    {
        switch (outcome)
        {
            case Queue.InstanceOutcome.New:
                Interlocked.Increment(ref instancesNew);
                break;
            case Queue.InstanceOutcome.Replaced:
                Interlocked.Increment(ref instancesReplaced);
                break;
            default:
                Interlocked.Increment(ref instancesDuplicate);
                break;
        }

        Interlocked.Add(ref instanceBytes, bytes);
    }

    internal void JobEnded(Queue.JobState state, TimeSpan elapsed)
    {
        Interlocked.Add(ref processingMilliseconds, (long)elapsed.TotalMilliseconds);
        switch (state)
        {
            case Queue.JobState.Done:
                Interlocked.Increment(ref jobsDone);
                break;
            case Queue.JobState.Queued:
                Interlocked.Increment(ref jobsRetried);
                break;
            default:
                Interlocked.Increment(ref jobsFailed);
                break;
        }
    }

    internal void LeaseLost() => Interlocked.Increment(ref jobsLeaseLost);

    internal void Send(bool succeeded)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref sendsSucceeded);
        }
        else
        {
            Interlocked.Increment(ref sendsFailed);
        }
    }
}
