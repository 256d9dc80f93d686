using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Sintestesia.Gateway.Bench;

/// <summary>
/// The cheapest proxy .NET can be on Kestrel's socket transport: each client connection is paired with one upstream
/// connection and bytes are copied both ways, unread (no HTTP parsing, no tenant, nothing added). Not a usable proxy:
/// the floor under any gateway written on these sockets, measured beside nginx to tell what the runtime costs from what
/// the gateway's own work costs.
/// </summary>
internal static class TcpSplice
{
    public static async Task<int> RunAsync(int port, Uri upstream)
    {
        var target = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        using var transport = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), NullLogger.Instance);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.Run(async client =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(target);
            await using var server = transport.Create(socket);
            var up = client.Transport.Input.CopyToAsync(server.Transport.Output);
            var down = server.Transport.Input.CopyToAsync(client.Transport.Output);
            await Task.WhenAny(up, down);
            server.Abort();
            client.Abort();
        })));
        await using var app = builder.Build();
        await app.RunAsync();
        return 0;
    }
}
