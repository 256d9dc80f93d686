using System.Net.Sockets;
using System.Text;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>Requests HttpClient refuses to send (an empty Host, no Host at all), written straight to a socket.</summary>
internal static class RawHttp
{
    /// <returns>The status code, or 0 when the server closed without an answer.</returns>
    public static async Task<(int Status, string Response)> SendAsync(Uri listener, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(listener.Host, listener.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var response = await reader.ReadToEndAsync(timeout.Token);
        var parts = response.Split(' ', 3);
        return (parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : 0, response);
    }
}
