namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// Where a job stands: <see cref="Received"/> while its study still receives instances, <see cref="Queued"/> once the
/// study is closed, <see cref="Processing"/> under a worker's lease, then <see cref="Done"/>, <see cref="Failed"/>
/// (the input cannot be analysed; not retried) or <see cref="DeadLetter"/> (every attempt failed). A failed attempt
/// with attempts left goes back to <see cref="Queued"/> after a back-off.
/// </summary>
public enum JobState
{
    Received,
    Queued,
    Processing,
    Done,
    Failed,
    DeadLetter,
}
