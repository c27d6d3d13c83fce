namespace NoduleScope.Imaging.Series;

/// <summary>Limits for scanning inputs.</summary>
public sealed record ScanOptions
{
    /// <summary>Most files looked at in one scan (a folder tree or archive with more is refused).</summary>
    public int MaxFiles { get; init; } = 200_000;

    /// <summary>Threads reading headers.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}
