using System.Net;
using System.Security.Authentication;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Tls.Acme;

/// <summary>A Production gateway orders each shop's certificate by HTTP-01 on its first HTTPS handshake.</summary>
public sealed class OnDemandHttp01Tests(Http01System system) : IClassFixture<Http01System>
{
    private static FormUrlEncodedContent UnsignedTwilioForm() => new(new Dictionary<string, string> { ["Body"] = "hola" });

    [Fact]
    public async Task AShopsFirstHttpsRequestGetsACertificateFromTheCaThatChainsToItsRootAndReachesTheShop()
    {
        using var root = await system.Pebble.GetRootAsync();
        using var client = new ShopTlsClient(system.Gateway.HttpsPort, root);

        using var response = await client.PostAsync("acme.sintestesia.cl", "/bot/twilio/webhook", UnsignedTwilioForm());

        // Unsigned on purpose: the shop's signature check answering proves TLS, SNI and routing by Host all worked.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotNull(client.Served);
        Assert.True(client.Served!.ChainsToRoot);
        Assert.True(client.Served.Certificate.MatchesHostname("acme.sintestesia.cl"));
        Assert.False(client.Served.Certificate.MatchesHostname("bravo.sintestesia.cl"));
        var listed = await system.Gateway.AdminAsync(HttpMethod.Get, "/admin/certificates");
        Assert.Contains(listed.Json().GetProperty("certificates").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "acme.sintestesia.cl" && c.GetProperty("state").GetString() == "valid");
        // Kept in the database with its key encrypted, and nothing in the certificates folder.
        var key = (string?)await system.Gateway.Database.ScalarAsync("SELECT key_pem_enc FROM certificates WHERE name = 'acme.sintestesia.cl'");
        Assert.StartsWith("v1:", key, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", key, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(system.CertificatesPath) ? Directory.GetFiles(system.CertificatesPath, "*.chain.pem") : []);
    }

    [Fact]
    public async Task HostsThatAreNotActiveShopsGetNoCertificateAndCauseNoOrder()
    {
        var created = await system.Gateway.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = "Tienda Cerrada", Slug = "cerrada" });
        var id = created.Field("id");
        await system.Gateway.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { Status = "inactive" });
        using var root = await system.Pebble.GetRootAsync();
        var ordersBefore = await OrdersPlacedAsync();

        foreach (var host in new[] { "stranger.sintestesia.cl", "cerrada.sintestesia.cl", "a.b.sintestesia.cl" })
        {
            using var client = new ShopTlsClient(system.Gateway.HttpsPort, root);
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(host, "/bot/twilio/webhook", UnsignedTwilioForm()));
            Assert.True(refused.InnerException is AuthenticationException or IOException, refused.ToString());
        }

        Assert.Equal(ordersBefore, await OrdersPlacedAsync());
        var listed = await system.Gateway.AdminAsync(HttpMethod.Get, "/admin/certificates");
        Assert.DoesNotContain(listed.Json().GetProperty("certificates").EnumerateArray(),
            c => c.GetProperty("name").GetString() is "stranger.sintestesia.cl" or "cerrada.sintestesia.cl" or "a.b.sintestesia.cl");
    }

    [Fact]
    public async Task PlainHttpAnswersWithAPermanentRedirectToTheSameAddressOverHttps()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.Gateway.PublicUrl, "/bot/twilio/webhook?from=legacy"))
        {
            Content = UnsignedTwilioForm(),
        };
        request.Headers.Host = "bravo.sintestesia.cl";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(new Uri($"https://bravo.sintestesia.cl:{system.Gateway.HttpsPort}/bot/twilio/webhook?from=legacy"), response.Headers.Location);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("acme.sintestesia.cl.evil.example")]
    [InlineData("a.b.sintestesia.cl")]
    public async Task PlainHttpNeverRedirectsToAHostThatIsNotOurs(string host)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(system.Gateway.PublicUrl, "/bot/twilio/webhook"));
        request.Headers.Host = host;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task AnUnknownChallengeTokenIsNotFoundAsJson()
    {
        var reply = await system.Gateway.GetAsync(system.Gateway.PublicUrl, "/.well-known/acme-challenge/no-such-token");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.True(reply.IsJson);
        Assert.Equal("error", reply.Field("status"));
    }

    [Fact]
    public async Task ReadinessReportsThatHttpsAndAcmeAreOnWithTheCertificateCounts()
    {
        using var root = await system.Pebble.GetRootAsync();
        using var client = new ShopTlsClient(system.Gateway.HttpsPort, root);
        using var _ = await client.PostAsync("mundo-canino.sintestesia.cl", "/bot/twilio/webhook", UnsignedTwilioForm());

        var ready = await system.Gateway.GetAsync(system.Gateway.InternalUrl, "/readyz");

        var certificates = ready.Json().GetProperty("certificates");
        Assert.Equal("on", certificates.GetProperty("https").GetString());
        Assert.Equal("on", certificates.GetProperty("acme").GetString());
        Assert.True(certificates.GetProperty("valid").GetInt32() >= 1, ready.Body);
        Assert.Equal(0, certificates.GetProperty("failing").GetInt32());
    }

    private async Task<long> OrdersPlacedAsync()
    {
        var listed = await system.Gateway.AdminAsync(HttpMethod.Get, "/admin/certificates");
        return listed.Json().GetProperty("orders_placed").GetInt64();
    }
}
