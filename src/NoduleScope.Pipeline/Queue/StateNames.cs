namespace NoduleScope.Pipeline.Queue;

/// <summary>The names states have in the database and the REST API ("dead_letter", ...).</summary>
public static class StateNames
{
    public static string Of(JobState state) => state switch
    {
        JobState.Received => "received",
        JobState.Queued => "queued",
        JobState.Processing => "processing",
        JobState.Done => "done",
        JobState.Failed => "failed",
        JobState.DeadLetter => "dead_letter",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string Of(StudyState state) => state == StudyState.Open ? "open" : "closed";

    public static string Of(SendState state) => state switch
    {
        SendState.Pending => "pending",
        SendState.Sending => "sending",
        SendState.Sent => "sent",
        SendState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static JobState ParseJob(string name) => TryParseJob(name, out var state) ? state : throw new FormatException($"unknown job state '{name}'");

    public static bool TryParseJob(string name, out JobState state)
    {
        foreach (var s in Enum.GetValues<JobState>())
        {
            if (Of(s) == name)
            {
                state = s;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static StudyState ParseStudy(string name) => name switch
    {
        "open" => StudyState.Open,
        "closed" => StudyState.Closed,
        _ => throw new FormatException($"unknown study state '{name}'"),
    };

    public static SendState ParseSend(string name) => name switch
    {
        "pending" => SendState.Pending,
        "sending" => SendState.Sending,
        "sent" => SendState.Sent,
        "failed" => SendState.Failed,
        _ => throw new FormatException($"unknown send state '{name}'"),
    };
}
