namespace NoduleScope.Service.Configuration;

/// <summary>"http": the REST API.</summary>
public sealed record HttpSettings
{
    /// <summary>Kestrel URLs. Anything but a loopback address needs API keys (the service refuses to start otherwise).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>Accepted keys. None: the API answers loopback clients only, and remote URLs are refused.</summary>
    public IReadOnlyList<ApiKeySettings> ApiKeys { get; init; } = [];

    /// <summary>Certificate for https:// URLs.</summary>
    public TlsSettings? Tls { get; init; }
}
