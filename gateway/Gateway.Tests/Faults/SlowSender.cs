using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Sintestesia.Gateway.Tests.Faults;

/// <summary>A slowloris client: a request whose headers or body arrive one byte at a time, until the server cuts it.</summary>
internal static class SlowSender
{
    private const string SlowBody = "POST /webhook/acme HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n";
    private const string SlowHeaders = "POST /webhook/acme HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";

    /// <returns>How long the server let it trickle, and the status it answered (0: closed without one), or null if it never cut it.</returns>
    public static async Task<(TimeSpan HeldFor, int Status)?> TrickleAsync(Uri listener, bool headers, TimeSpan giveUpAfter)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(listener.Host, listener.Port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers ? SlowHeaders : SlowBody));
        var answer = new byte[16];
        var reading = stream.ReadAsync(answer).AsTask();
        try
        {
            while (!reading.IsCompleted && clock.Elapsed < giveUpAfter)
            {
                await stream.WriteAsync("a"u8.ToArray());
                await Task.WhenAny(reading, Task.Delay(250));
            }
        }
        catch (IOException)
        {
            // Cut while writing: the server is done with it.
        }

        if (!reading.IsCompleted && clock.Elapsed >= giveUpAfter)
        {
            return null;
        }

        int read;
        try
        {
            read = await reading.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            read = 0;
        }

        var line = Encoding.ASCII.GetString(answer, 0, read);
        var status = line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9, 3), CultureInfo.InvariantCulture, out var s) ? s : 0;
        return (clock.Elapsed, status);
    }
}
