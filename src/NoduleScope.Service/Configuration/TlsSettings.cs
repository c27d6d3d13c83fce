namespace NoduleScope.Service.Configuration;

/// <summary>PEM files for TLS with mutual authentication (DICOM TLS, port 2762; or HTTPS).</summary>
public sealed record TlsSettings
{
    public string Certificate { get; init; } = string.Empty;

    public string Key { get; init; } = string.Empty;

    /// <summary>CAs the peer's certificate must chain to (DICOM: client certificates; PACS: the server's).</summary>
    public string? TrustedAuthorities { get; init; }
}
