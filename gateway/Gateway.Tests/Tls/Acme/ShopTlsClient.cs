using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>What an HTTPS client of a shop's host saw: the served certificate and whether it chained to the trusted root.</summary>
public sealed record ServedCertificate(X509Certificate2 Certificate, bool ChainsToRoot);

/// <summary>
/// An HTTPS client that connects to the gateway on loopback while sending the shop's host as SNI and Host, and trusts
/// only the given root (pebble's, new at every pebble start).
/// </summary>
public sealed class ShopTlsClient : IDisposable
{
    private readonly HttpClient _client;

    public ShopTlsClient(int port, X509Certificate2 root)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, sent, errors) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }

                    var served = new X509Certificate2(certificate);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    chain.ChainPolicy.DisableCertificateDownloads = true;
                    // Only what the server sent (leaf and intermediates) may complete the path to the root.
                    foreach (var element in sent?.ChainElements.Select(e => e.Certificate) ?? [])
                    {
                        chain.ChainPolicy.ExtraStore.Add(element);
                    }

                    var chains = chain.Build(served) && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
                    Served = new ServedCertificate(served, chains);
                    return chains;
                },
            },
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(90) };
        Port = port;
    }

    public int Port { get; }

    /// <summary>The certificate of the last handshake.</summary>
    public ServedCertificate? Served { get; private set; }

    public Task<HttpResponseMessage> PostAsync(string host, string path, HttpContent content) =>
        _client.PostAsync(new Uri($"https://{host}:{Port}{path}"), content);

    public void Dispose() => _client.Dispose();
}
