using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Sintestesia.Certs.Tests.Challenges;

/// <summary>A real SslStream client that offers chosen ALPN protocols and accepts any certificate, recording it.</summary>
public sealed class TlsAlpnClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly TcpClient _tcp;
    private readonly SslStream _tls;

    private TlsAlpnClient(TcpClient tcp, SslStream tls, X509Certificate2 certificate)
    {
        _tcp = tcp;
        _tls = tls;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public string NegotiatedProtocol => Encoding.ASCII.GetString(_tls.NegotiatedApplicationProtocol.Protocol.Span);

    // wrap lets a test change how bytes reach the socket, e.g. in small pieces.
    public static async Task<TlsAlpnClient> ConnectAsync(int port, string host, string[] applicationProtocols, Func<Stream, Stream>? wrap = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        Stream network = tcp.GetStream();
        var tls = new SslStream(wrap is null ? network : wrap(network));
        X509Certificate2? served = null;
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ApplicationProtocols = applicationProtocols.Length == 0
                    ? null
                    : applicationProtocols.Select(protocol => new SslApplicationProtocol(protocol)).ToList(),
                // Like an ACME validator, the tests judge the certificate's content; no chain can vouch for a challenge certificate.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    served = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                    return served is not null;
                },
            }).WaitAsync(Timeout);
        }
        catch
        {
            await tls.DisposeAsync();
            tcp.Dispose();
            throw;
        }

        return new TlsAlpnClient(tcp, tls, served!);
    }

    /// <summary>Reads until the server closes; returns how many bytes came before the close.</summary>
    public async Task<int> ReadUntilClosedAsync()
    {
        var buffer = new byte[1024];
        var total = 0;
        int read;
        while ((read = await _tls.ReadAsync(buffer).AsTask().WaitAsync(Timeout)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Sends an HTTP/1.1 GET with <c>Connection: close</c> and returns the whole response.</summary>
    public async Task<string> GetAsync(string host, string path)
    {
        await _tls.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var response = new MemoryStream();
        await _tls.CopyToAsync(response).WaitAsync(Timeout);
        return Encoding.UTF8.GetString(response.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
