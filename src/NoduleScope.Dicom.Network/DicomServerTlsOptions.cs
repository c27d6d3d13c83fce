using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// TLS for the server (hardening rule 10, BCP 195 profile): TLS 1.2 or 1.3 with AEAD cipher suites, and mutual
/// authentication: every client must present a certificate that chains to one of <see cref="TrustedClientAuthorities"/>
/// (the system store is not consulted) and allows client authentication. The DICOM TLS port is 2762.
/// </summary>
public sealed record DicomServerTlsOptions
{
    /// <summary>Our certificate, with its private key.</summary>
    public required X509Certificate2 Certificate { get; init; }

    /// <summary>Intermediate certificates sent with ours so clients can build the chain.</summary>
    public X509Certificate2Collection IntermediateCertificates { get; init; } = [];

    /// <summary>The CA certificates client certificates must chain to (the only trust anchors).</summary>
    public required X509Certificate2Collection TrustedClientAuthorities { get; init; }

    /// <summary>Revocation checking of client certificates; a private hospital CA often publishes no CRL.</summary>
    public X509RevocationMode RevocationMode { get; init; } = X509RevocationMode.NoCheck;

    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;
}
