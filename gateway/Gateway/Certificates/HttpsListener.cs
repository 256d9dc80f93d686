using Microsoft.AspNetCore.Server.Kestrel.Https;
using Sintestesia.Certs;
using Sintestesia.Gateway.Configuration;
using Sintestesia.Gateway.FastPath;
using Sintestesia.Gateway.Listeners;

namespace Sintestesia.Gateway.Certificates;

/// <summary>
/// The public HTTPS listener (<c>Gateway:HttpsUrl</c>, off unless set). Certificates are chosen per server name by
/// the <see cref="CertificateManager"/>: stored ones, ACME orders (per tenant host on its first handshake, or the
/// wildcard by DNS-01), and in Development without ACME a local CA and wildcard made on first start.
/// </summary>
internal static class HttpsListener
{
    public static void AddHttpsListener(this WebApplicationBuilder builder, GatewayOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.HttpsUrl))
        {
            return;
        }

        builder.AddGatewayCertificates(options);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.HttpsUrl, ListenerKind.Public, listen =>
        {
            // The ClientHello is peeked first: TLS-ALPN-01 answers depend on its ALPN list, which .NET does not expose.
            listen.UsePeekedClientHello();
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = context => kestrel.ApplicationServices.GetRequiredService<CertificateManager>().SelectServerOptionsAsync(context),
                HandshakeTimeout = TimeSpan.FromSeconds(30),
            });
            listen.UseAcmeTlsAlpnTermination();
            listen.UseFastLane(options, https: true, forwards: true);
        }));
    }
}
