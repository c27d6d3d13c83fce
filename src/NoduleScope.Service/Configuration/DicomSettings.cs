namespace NoduleScope.Service.Configuration;

/// <summary>"dicom": the C-STORE receiver.</summary>
public sealed record DicomSettings
{
    /// <summary>False for worker-only nodes of a PostgreSQL queue.</summary>
    public bool Enabled { get; init; } = true;

    public string AeTitle { get; init; } = "NODULESCOPE";

    public string BindAddress { get; init; } = "0.0.0.0";

    public int Port { get; init; } = 11112;

    public int MaxAssociations { get; init; } = 16;

    /// <summary>Who may send, "AE@address" or "AE@network/prefix"; nobody when empty.</summary>
    public IReadOnlyList<string> AllowedPeers { get; init; } = [];

    /// <summary>Turns the allow-list off (any AE title from anywhere): development only.</summary>
    public bool AllowAnyPeer { get; init; }

    /// <summary>When set, the receiver speaks DICOM TLS only, and requires client certificates from TrustedAuthorities.</summary>
    public TlsSettings? Tls { get; init; }
}
