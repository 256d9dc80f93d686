using System.Net;
using System.Net.Sockets;

namespace Sintestesia.Gateway.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback URL on a port the OS just handed out and released.</summary>
    public static Uri NextUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        }
        finally
        {
            listener.Stop();
        }
    }
}
