namespace NoduleScope.Service.Configuration;

/// <summary>The service's configuration file (service.json; docs/service.md), as read and with paths made absolute.</summary>
public sealed record ServiceConfiguration
{
    public StorageSettings Storage { get; init; } = new();

    public QueueSettings Queue { get; init; } = new();

    public DicomSettings Dicom { get; init; } = new();

    public StudySettings Studies { get; init; } = new();

    public WorkerSettings Workers { get; init; } = new();

    public ProcessingSettings Processing { get; init; } = new();

    public PacsSettings? Pacs { get; init; }

    public HttpSettings Http { get; init; } = new();

    /// <summary>The service refuses to run as root (hardening rule 11) unless this is set, e.g. in a throwaway container.</summary>
    public bool AllowRunningAsRoot { get; init; }
}
