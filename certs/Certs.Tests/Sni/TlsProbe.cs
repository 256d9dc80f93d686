using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Certs.Tests.Sni;

/// <summary>What a TLS client saw: the served leaf and how it validated against a custom root.</summary>
public sealed record TlsProbeResult(X509Certificate2 ServedCertificate, SslPolicyErrors Errors);

/// <summary>An SslStream client that trusts only the given root (X509ChainTrustMode.CustomRootTrust).</summary>
public static class TlsProbe
{
    public static async Task<TlsProbeResult> HandshakeAsync(int port, string targetHost, X509Certificate2 trustedRoot, bool acceptUntrusted = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
        X509Certificate2? served = null;
        var errors = SslPolicyErrors.None;
        await using var tls = new SslStream(client.GetStream());
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.Add(trustedRoot);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            CertificateChainPolicy = policy,
            RemoteCertificateValidationCallback = (_, certificate, _, sslErrors) =>
            {
                served = new X509Certificate2(certificate!);
                errors = sslErrors;
                // Tests that expect an untrusted certificate (the default) still want to see which one was served.
                return acceptUntrusted || sslErrors == SslPolicyErrors.None;
            },
        });
        return new TlsProbeResult(served!, errors);
    }
}
