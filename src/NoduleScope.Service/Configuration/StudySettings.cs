namespace NoduleScope.Service.Configuration;

/// <summary>"studies": when a study counts as complete.</summary>
public sealed record StudySettings
{
    /// <summary>A study is closed and queued after this long without a new instance.</summary>
    public double CloseAfterSeconds { get; init; } = 120;

    public double CheckIntervalSeconds { get; init; } = 5;
}
