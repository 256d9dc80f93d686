using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>In wildcard mode the gateway orders <c>*.sintestesia.cl</c> by DNS-01 at start and serves every shop with it.</summary>
public sealed class WildcardModeTests(WildcardSystem system) : IClassFixture<WildcardSystem>
{
    [Fact]
    public async Task TheWildcardOrderedAtStartServesAShopAddedLaterWithoutAnotherOrder()
    {
        var (listed, _) = await Poll.UntilAsync(
            () => system.Gateway.AdminAsync(HttpMethod.Get, "/admin/certificates"),
            reply => Certificates(reply).Any(c => c.GetProperty("name").GetString() == "*.sintestesia.cl"),
            TimeSpan.FromSeconds(60));
        var wildcard = Assert.Single(Certificates(listed));
        Assert.Equal("valid", wildcard.GetProperty("state").GetString());
        Assert.Equal(["*.sintestesia.cl", "sintestesia.cl"], wildcard.GetProperty("dns_names").EnumerateArray().Select(n => n.GetString()).Order(StringComparer.Ordinal));

        var created = await system.Gateway.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Tienda Nueva", Slug = "tienda-nueva" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        using var root = await system.Pebble.GetRootAsync();
        using var client = new ShopTlsClient(system.Gateway.HttpsPort, root);
        using var response = await client.PostAsync("tienda-nueva.sintestesia.cl", "/bot/twilio/webhook",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hola" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(client.Served!.ChainsToRoot);
        Assert.Contains("*.sintestesia.cl", client.Served.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()));
        var after = await system.Gateway.AdminAsync(HttpMethod.Get, "/admin/certificates");
        Assert.Equal(1, after.Json().GetProperty("orders_placed").GetInt64());
    }

    private static List<JsonElement> Certificates(Reply reply) =>
        reply.Status == HttpStatusCode.OK ? reply.Json().GetProperty("certificates").EnumerateArray().ToList() : [];
}
