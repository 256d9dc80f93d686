using System.Net;
using System.Net.Sockets;

namespace Sintestesia.Testing;

/// <summary>
/// Ports for the servers tests start, one source file linked into every test project. They come from below Linux's
/// ephemeral range (32768–60999): a port the system handed out and took back can meanwhile become the local end of
/// some outgoing connection, and the server meant for it then fails to bind. Each test project, compiled with its own
/// copy, draws from a band of its own (all of them run at once), and each port is handed out once per run.
/// </summary>
internal static class LoopbackPorts
{
    private static readonly (int First, int Count) Band = typeof(LoopbackPorts).Assembly.GetName().Name switch
    {
        "Sintestesia.Certs.Tests" => (8_100, 3_900),
        "Sintestesia.BotHost.Tests" => (12_000, 8_000),
        _ => (20_000, 12_000),
    };

    private static int _next = Random.Shared.Next(Band.Count);

    public static int Next()
    {
        for (var attempt = 0; attempt < Band.Count; attempt++)
        {
            var port = Band.First + (Interlocked.Increment(ref _next) % Band.Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Band.First} and {Band.First + Band.Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }
}
