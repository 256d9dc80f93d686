using System.Net;
using System.Net.Sockets;

namespace Sintestesia.Gateway.Tests.Infrastructure;

internal static class FreePort
{
    // Below Linux's ephemeral range (32768–60999): a port the OS handed out and took back can meanwhile become the
    // local end of some test's outgoing connection, and the server meant for it then fails to bind. Ports here are only
    // ever taken by an explicit bind, and each is handed out once per test run.
    private const int First = 20_000;
    private const int Count = 12_000;
    private static int _next = Random.Shared.Next(Count);

    /// <summary>A loopback URL on a port that was free a moment ago and that no other test of this run is given.</summary>
    public static Uri NextUrl()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (Interlocked.Increment(ref _next) % Count);
            if (IsFree(port))
            {
                return new Uri($"http://127.0.0.1:{port}");
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {First + Count - 1}.");
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
