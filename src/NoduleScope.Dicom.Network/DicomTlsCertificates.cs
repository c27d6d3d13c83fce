using System.Security.Cryptography.X509Certificates;

namespace NoduleScope.Dicom.Network;

/// <summary>Loads certificates and keys from PEM files for <see cref="DicomServerTlsOptions"/> and <see cref="DicomClientTlsOptions"/>.</summary>
public static class DicomTlsCertificates
{
    /// <summary>A certificate with its private key (PEM, the key unencrypted or PKCS#8).</summary>
    public static X509Certificate2 LoadWithKey(string certificatePemPath, string privateKeyPemPath) =>
        X509Certificate2.CreateFromPemFile(certificatePemPath, privateKeyPemPath);

    /// <summary>Every certificate of a PEM bundle (CA certificates).</summary>
    public static X509Certificate2Collection LoadAll(string pemPath)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(pemPath);
        if (collection.Count == 0)
        {
            throw new ArgumentException($"no certificate in {pemPath}", nameof(pemPath));
        }

        return collection;
    }
}
