using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Sintestesia.Certs.Tests.Management;

/// <summary>
/// A real Kestrel server wired as the gateway wires a <see cref="CertificateManager"/>: plain HTTP answering
/// HTTP-01 challenges on pebble's HTTP port, and HTTPS with the peeked ClientHello on pebble's TLS port.
/// </summary>
internal sealed class ManagedHttpsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagedHttpsServer(WebApplication app) => _app = app;

    public static async Task<ManagedHttpsServer> StartAsync(CertificateManager manager, int httpPort, int httpsPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, httpPort);
            kestrel.Listen(System.Net.IPAddress.Loopback, httpsPort, listen =>
            {
                listen.UsePeekedClientHello();
                listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = manager.SelectServerOptionsAsync });
                listen.UseAcmeTlsAlpnTermination();
            });
        });
        var app = builder.Build();
        app.MapGet("/.well-known/acme-challenge/{token}", async (string token, CancellationToken aborted) =>
            await manager.Http01.FindAsync(token, aborted) is { } keyAuthorization ? Results.Text(keyAuthorization) : Results.NotFound());
        app.MapGet("/", () => "hola");
        await app.StartAsync();
        return new ManagedHttpsServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
