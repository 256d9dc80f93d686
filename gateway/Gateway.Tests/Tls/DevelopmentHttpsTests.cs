using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Tls;

/// <summary>A Development gateway with its HTTPS listener on, certificates under a temp folder.</summary>
public sealed class HttpsSystem() : RunningSystem(botHostCount: 1, adminApi: true)
{
    public Uri HttpsUrl { get; } = new($"https://127.0.0.1:{FreePort.NextUrl().Port}");

    public string CertificatesPath { get; } = Path.Combine(Path.GetTempPath(), $"gw-certs-{Guid.NewGuid():N}");

    protected override string[] GatewayArguments => ["--environment", "Development"];

    protected override void AddGatewaySettings(Dictionary<string, string?> settings)
    {
        settings["Gateway:HttpsUrl"] = HttpsUrl.ToString();
        settings["Gateway:CertificatesPath"] = CertificatesPath;
    }
}

/// <summary>In Development the gateway makes a local CA and a wildcard for the base domain, and serves shops over HTTPS.</summary>
public sealed class DevelopmentHttpsTests(HttpsSystem system) : IClassFixture<HttpsSystem>
{
    [Fact]
    public async Task AShopsSubdomainIsServedOverHttpsWithAWildcardTheDevelopmentCaSigned()
    {
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(system.CertificatesPath, "development-ca.chain.pem"));
        X509Certificate2? served = null;
        using var handler = new SocketsHttpHandler
        {
            // Connect to loopback while the TLS server name stays the shop's host.
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, system.HttpsUrl.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    served = certificate is null ? null : new X509Certificate2(certificate);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return served is not null && chain.Build(served) && served.MatchesHostname("acme.sintestesia.cl");
                },
            },
        };
        using var client = new HttpClient(handler);

        using var response = await client.PostAsync(new Uri($"https://acme.sintestesia.cl:{system.HttpsUrl.Port}/bot/twilio/webhook"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hola" }));

        // Unsigned on purpose: reaching the shop's signature check proves TLS, SNI and routing by Host all worked.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull(served);
        Assert.Contains("*.sintestesia.cl", served!.GetNameInfo(X509NameType.DnsName, false) + " " +
            string.Join(' ', served.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(system.CertificatesPath, "_wildcard.sintestesia.cl.key.pem")));
        }
    }
}
