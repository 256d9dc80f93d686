using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>With TLS-ALPN-01, pebble validates through the gateway's own HTTPS listener (ALPN acme-tls/1).</summary>
public sealed class OnDemandTlsAlpn01Tests(TlsAlpn01System system) : IClassFixture<TlsAlpn01System>
{
    [Fact]
    public async Task AShopsFirstHandshakeOrdersItsCertificateByTlsAlpn01AndARestartServesItWithoutANewOrder()
    {
        using var root = await system.Pebble.GetRootAsync();
        string firstSerial;
        using (var client = new ShopTlsClient(system.Gateway.HttpsPort, root))
        {
            using var response = await client.PostAsync("bravo.sintestesia.cl", "/bot/twilio/webhook",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hola" }));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.True(client.Served!.ChainsToRoot);
            Assert.True(client.Served.Certificate.MatchesHostname("bravo.sintestesia.cl"));
            firstSerial = client.Served.Certificate.SerialNumber;
        }

        await system.RestartGatewayAsync();

        using var again = new ShopTlsClient(system.Gateway.HttpsPort, root);
        using var second = await again.PostAsync("bravo.sintestesia.cl", "/bot/twilio/webhook",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hola" }));
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Equal(firstSerial, again.Served!.Certificate.SerialNumber);
        var metrics = await system.Gateway.GetAsync(system.Gateway.InternalUrl, "/metrics");
        Assert.Contains("sintestesia_gateway_certificate_orders_total 0", metrics.Body, StringComparison.Ordinal);
    }
}
