using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Sintestesia.Certs.Tests.Challenges;

/// <summary>Captures the first TLS record a real <see cref="SslStream"/> client writes: its ClientHello.</summary>
internal static class ClientHelloCapture
{
    public static async Task<byte[]> CaptureAsync(string? targetHost, params string[] applicationProtocols)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            using var server = await listener.AcceptTcpClientAsync();
            await using var tls = new SslStream(client.GetStream());
            var handshake = tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = targetHost ?? string.Empty,
                ApplicationProtocols = applicationProtocols.Length == 0
                    ? null
                    : applicationProtocols.Select(protocol => new SslApplicationProtocol(protocol)).ToList(),
            });

            // Framed by the record header alone, so the capture does not depend on the parser under test.
            var stream = server.GetStream();
            var header = new byte[5];
            await stream.ReadExactlyAsync(header).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            var body = new byte[header[3] << 8 | header[4]];
            await stream.ReadExactlyAsync(body).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            server.Close();
            await Assert.ThrowsAnyAsync<Exception>(() => handshake);
            return [.. header, .. body];
        }
        finally
        {
            listener.Stop();
        }
    }
}
