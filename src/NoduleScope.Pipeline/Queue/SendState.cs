namespace NoduleScope.Pipeline.Queue;

/// <summary>Where one result file's transfer to the PACS stands.</summary>
public enum SendState
{
    Pending,
    Sending,
    Sent,
    Failed,
}
