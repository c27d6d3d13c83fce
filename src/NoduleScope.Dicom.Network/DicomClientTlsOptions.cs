using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// TLS for the client: our certificate for mutual authentication, and the CA certificates the server's certificate
/// must chain to (the system store is not consulted). The server's name is checked unless turned off.
/// </summary>
public sealed record DicomClientTlsOptions
{
    /// <summary>Our certificate, with its private key.</summary>
    public required X509Certificate2? ClientCertificate { get; init; }

    public required X509Certificate2Collection TrustedServerAuthorities { get; init; }

    /// <summary>Name expected in the server certificate (and sent as SNI); the host name when null.</summary>
    public string? ServerName { get; init; }

    public bool CheckServerName { get; init; } = true;

    public X509RevocationMode RevocationMode { get; init; } = X509RevocationMode.NoCheck;

    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;
}
