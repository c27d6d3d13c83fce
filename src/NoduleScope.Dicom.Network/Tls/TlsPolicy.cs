using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NoduleScope.Dicom.Network.Tls;

/// <summary>The BCP 195 cipher suites and the certificate checks shared by server and client.</summary>
internal static class TlsPolicy
{
    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>AEAD suites with forward secrecy only (RFC 9325 §4.2); null where the platform cannot restrict suites.</summary>
    public static CipherSuitesPolicy? CipherSuites()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        return new CipherSuitesPolicy(
        [
            TlsCipherSuite.TLS_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_AES_256_GCM_SHA384,
            TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            TlsCipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
            TlsCipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
        ]);
    }

    /// <summary>
    /// True when the peer presented a certificate that chains to one of <paramref name="trustedAuthorities"/> (and
    /// nothing else) and allows <paramref name="purposeOid"/>. The chain SslStream built against the system store is
    /// only used as a source of intermediates.
    /// </summary>
    public static bool ValidatePeer(X509Certificate? certificate, X509Chain? presentedChain, SslPolicyErrors errors,
        X509Certificate2Collection trustedAuthorities, X509RevocationMode revocationMode, string purposeOid, bool checkName)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (checkName && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedAuthorities);
        chain.ChainPolicy.RevocationMode = revocationMode;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(purposeOid));
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
        }

        return chain.Build(leaf);
    }
}
