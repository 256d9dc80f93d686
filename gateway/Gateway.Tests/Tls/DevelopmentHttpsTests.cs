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
        X509Certificate2? served = null;
        using var client = new HttpClient(ShopHandler(c => served = c));

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

    [Fact]
    public async Task AWebhookOverHttp2IsServedByTheFullPipelineOnTheSameListener()
    {
        using var client = new HttpClient(ShopHandler(_ => { }));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"https://acme.sintestesia.cl:{system.HttpsUrl.Port}/bot/twilio/webhook"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hola" }),
        };

        using var response = await client.SendAsync(request);

        // The fast path speaks HTTP/1.1 only; a client that chose h2 by ALPN still reaches the shop's signature check.
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>Connects to loopback while the TLS server name stays the shop's host; trusts only the development CA.</summary>
    private SocketsHttpHandler ShopHandler(Action<X509Certificate2?> served)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(system.CertificatesPath, "development-ca.chain.pem"));
        return new SocketsHttpHandler
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
                    var received = certificate is null ? null : new X509Certificate2(certificate);
                    served(received);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return received is not null && chain.Build(received) && received.MatchesHostname("acme.sintestesia.cl");
                },
            },
        };
    }
}
