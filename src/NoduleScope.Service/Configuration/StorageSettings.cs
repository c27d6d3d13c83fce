namespace NoduleScope.Service.Configuration;

/// <summary>"storage": where received instances, results and the SQLite queue live.</summary>
public sealed record StorageSettings
{
    /// <summary>The storage root (instances/, incoming/, results/, queue.db). Relative paths are relative to the configuration file.</summary>
    public string Root { get; init; } = string.Empty;

    /// <summary>New associations are refused, and instances answered 0xA700, while less space than this is free (default 2 GiB).</summary>
    public long MinimumFreeBytes { get; init; } = 2L << 30;
}
