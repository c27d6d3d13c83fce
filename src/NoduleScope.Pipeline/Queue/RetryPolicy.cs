namespace NoduleScope.Pipeline.Queue;

/// <summary>Exponential back-off: <see cref="BaseDelay"/> after the first failed attempt, doubling, at most <see cref="MaxDelay"/>.</summary>
public sealed record RetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public TimeSpan DelayAfter(int failedAttempts)
    {
        if (failedAttempts < 1)
        {
            return TimeSpan.Zero;
        }

        double factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        double ms = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * factor);
        return TimeSpan.FromMilliseconds(ms);
    }
}
