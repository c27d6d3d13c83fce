namespace NoduleScope.Service.Configuration;

/// <summary>"pacs": where the DICOM results go (C-STORE). Absent: results are only kept and served by the REST API.</summary>
public sealed record PacsSettings
{
    public string Host { get; init; } = string.Empty;

    public int Port { get; init; } = 104;

    /// <summary>The PACS's AE title.</summary>
    public string AeTitle { get; init; } = string.Empty;

    /// <summary>Ours when calling it; default the receiver's AE title.</summary>
    public string? CallingAeTitle { get; init; }

    /// <summary>Which results are sent: any of sr, seg, sc, epdf.</summary>
    public string Send { get; init; } = "sr,seg";

    public int MaxAttempts { get; init; } = 10;

    public double RetryBaseSeconds { get; init; } = 15;

    public double RetryMaxSeconds { get; init; } = 1800;

    public TlsSettings? Tls { get; init; }

    /// <summary>When a study's patient has no earlier study here, ask the PACS for the latest earlier CT study
    /// (C-FIND, then C-MOVE to our receiver's AE title, which the PACS must know as a destination).</summary>
    public bool FetchPriors { get; init; }
}
