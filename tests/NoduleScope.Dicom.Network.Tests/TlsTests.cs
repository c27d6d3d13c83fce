using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>TLS with mutual authentication between our client and server (and dcmtk's echoscu).</summary>
public sealed class TlsTests
{
    private static TestCertificates Pki => TestCertificates.Instance;

    private static TestScp StartTlsServer() => TestScp.Start(o => o with
    {
        Tls = new DicomServerTlsOptions { Certificate = Pki.Server, TrustedClientAuthorities = [Pki.Authority] },
    });

    private static DicomClientTlsOptions ClientTls(X509Certificate2? certificate, X509Certificate2? trusted = null, string? serverName = "localhost") => new()
    {
        ClientCertificate = certificate,
        TrustedServerAuthorities = [trusted ?? Pki.Authority],
        ServerName = serverName,
    };

    [Fact]
    public async Task MutuallyAuthenticatedEchoAndStoreRoundTrip()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 2);
        var subjects = new List<string?>();
        await using var scp = TestScp.Start(o => o with
        {
            Tls = new DicomServerTlsOptions { Certificate = Pki.Server, TrustedClientAuthorities = [Pki.Authority] },
        }, recorder: (instance, _) =>
        {
            lock (subjects)
            {
                subjects.Add(instance.Association.ClientCertificateSubject);
            }

            return ValueTask.CompletedTask;
        });
        var client = scp.Client(tls: ClientTls(Pki.Client));

        Assert.True((await client.EchoAsync()).IsSuccess);
        var results = await client.StoreAsync(files);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(["CN=Test SCU", "CN=Test SCU"], subjects);
        var stored = scp.StoredFiles();
        Assert.Equal(2, stored.Count);
        foreach (string file in files)
        {
            string match = Assert.Single(stored, s => DicomFile.OpenHeader(s).SopInstanceUid == DicomFile.OpenHeader(file).SopInstanceUid);
            Assert.Equal(TestFiles.DataSetBytes(file), TestFiles.DataSetBytes(match));
        }
    }

    [Fact]
    public async Task ClientWithoutACertificateIsRefused()
    {
        await using var scp = StartTlsServer();
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => scp.Client(tls: ClientTls(null)).EchoAsync());
        Assert.Contains(scp.Logger.Lines, l => l.Contains("TLS handshake failed", StringComparison.Ordinal));
        Assert.DoesNotContain(scp.Logger.Lines, l => l.Contains("accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientCertificateFromAnotherAuthorityIsRefused()
    {
        await using var scp = StartTlsServer();
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => scp.Client(tls: ClientTls(Pki.ForeignClient)).EchoAsync());
        Assert.Contains(scp.Logger.Lines, l => l.Contains("TLS handshake failed", StringComparison.Ordinal));
        Assert.DoesNotContain(scp.Logger.Lines, l => l.Contains("accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlainConnectionToATlsServerIsRefused()
    {
        await using var scp = StartTlsServer();
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => scp.Client().EchoAsync());
    }

    [Fact]
    public async Task ClientRefusesAServerItDoesNotTrust()
    {
        await using var scp = StartTlsServer();
        var e = await Assert.ThrowsAnyAsync<DicomNetworkException>(() => scp.Client(tls: ClientTls(Pki.Client, trusted: Pki.OtherAuthority)).EchoAsync());
        Assert.Contains("TLS handshake", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientRefusesAServerWhoseNameDoesNotMatch()
    {
        await using var scp = StartTlsServer();
        var e = await Assert.ThrowsAnyAsync<DicomNetworkException>(() => scp.Client(tls: ClientTls(Pki.Client, serverName: "pacs.example.org")).EchoAsync());
        Assert.Contains("TLS handshake", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientCertificateStillNeedsTheAllowList()
    {
        await using var scp = StartTlsServer();
        var e = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => scp.Client(callingAe: "INTRUDER", tls: ClientTls(Pki.Client)).EchoAsync());
        Assert.Equal(DicomAssociationRejection.CallingAeTitleNotRecognized, e.Rejection);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task OnlyBcp195SuitesAndVersionsAreNegotiated()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "cipher suite policies are only enforced on Linux");
        await using var scp = StartTlsServer();

        async Task<SslStream> HandshakeAsync(SslProtocols protocols, TlsCipherSuite[] suites)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, scp.Port);
            var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [Pki.Client],
                EnabledSslProtocols = protocols,
                CipherSuitesPolicy = new CipherSuitesPolicy(suites),
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });
            return ssl;
        }

        await using (var good = await HandshakeAsync(SslProtocols.Tls12, [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]))
        {
            Assert.Equal(SslProtocols.Tls12, good.SslProtocol);
        }

        await using (var modern = await HandshakeAsync(SslProtocols.Tls13, [TlsCipherSuite.TLS_AES_256_GCM_SHA384]))
        {
            Assert.Equal(SslProtocols.Tls13, modern.SslProtocol);
        }

        // CBC without AEAD is outside BCP 195's recommended suites: the server offers nothing the client accepts.
        await Assert.ThrowsAnyAsync<Exception>(() => HandshakeAsync(SslProtocols.Tls12, [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256]));
    }

    [Fact]
    public async Task EchoscuTalksTlsToOurServer()
    {
        Dcmtk.Require("echoscu");
        using var folder = new TempDirectory();
        var (certificate, key) = TestCertificates.WritePem(Pki.Client, folder.Path, "client");
        var (authority, _) = TestCertificates.WritePem(Pki.Authority, folder.Path, "ca");
        var (foreignCertificate, foreignKey) = TestCertificates.WritePem(Pki.ForeignClient, folder.Path, "foreign");
        await using var scp = StartTlsServer();
        string port = scp.Port.ToString(CultureInfo.InvariantCulture);

        var (code, output) = await Dcmtk.RunAsync("echoscu", ["-v", "+tls", key, certificate, "+cf", authority, "-aec", TestScp.AeTitle, "127.0.0.1", port]);
        Assert.True(code == 0, output);
        Assert.Contains("Received Echo Response (Success)", output, StringComparison.Ordinal);

        (code, output) = await Dcmtk.RunAsync("echoscu", ["+tls", foreignKey, foreignCertificate, "+cf", authority, "-aec", TestScp.AeTitle, "127.0.0.1", port]);
        Assert.NotEqual(0, code);
    }
}
