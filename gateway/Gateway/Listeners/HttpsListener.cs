using Microsoft.AspNetCore.Server.Kestrel.Https;
using Sintestesia.Certs;
using Sintestesia.Gateway.Configuration;

namespace Sintestesia.Gateway.Listeners;

/// <summary>
/// The public HTTPS listener (<c>Gateway:HttpsUrl</c>, off unless set), with certificates chosen per server name by
/// <see cref="SniCertificateSelector"/>. In Development the certificates are a local CA and a wildcard for the base
/// domain, made on first start under <c>Gateway:CertificatesPath</c>; issued certificates arrive with the ACME wiring.
/// </summary>
internal static class HttpsListener
{
    public static void AddHttpsListener(this WebApplicationBuilder builder, GatewayOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.HttpsUrl))
        {
            return;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Gateway:HttpsUrl is set, but outside Development certificates come from ACME, which this build does not wire yet; unset it.");
        }

        var time = TimeProvider.System;
        var store = new FileCertificateStore(Path.GetFullPath(options.CertificatesPath));
        var development = DevelopmentCertificates.EnsureCreated(store, options.BaseDomain, time, new Uri(options.HttpsUrl).Port);
        var selector = new SniCertificateSelector(time);
        selector.Update([development.Leaf], development.Leaf);
        Console.WriteLine($"HTTPS on {options.HttpsUrl} with the development CA: {development.TrustHint}");

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.HttpsUrl, ListenerKind.Public,
            listen => listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = selector.SelectServerOptionsAsync })));
    }
}
