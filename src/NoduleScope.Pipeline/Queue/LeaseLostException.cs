namespace NoduleScope.Pipeline.Queue;

/// <summary>The worker's lease on a job or send expired and it may already be someone else's: its result is discarded.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
        : base("the lease was lost")
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
