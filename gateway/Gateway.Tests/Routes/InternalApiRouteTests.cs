using System.Globalization;
using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

/// <summary><c>/tenants</c>, health and metrics on the internal listener, and what the public listener refuses.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class InternalApiRouteTests(SharedSystem system)
{
    [Fact]
    public async Task TenantsListEveryShopInTheSeedsShape()
    {
        var reply = await system.GetAsync(system.InternalUrl, "/tenants");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var json = reply.Json();
        Assert.Equal("success", json.GetProperty("status").GetString());
        var tenants = json.GetProperty("tenants").EnumerateArray().ToList();
        Assert.Equal(tenants.Count, json.GetProperty("total_tenants").GetInt32());
        foreach (var shop in DemoShop.All)
        {
            var tenant = Assert.Single(tenants, t => t.GetProperty("id").GetString() == shop.Id);
            Assert.Equal(shop.Name, tenant.GetProperty("name").GetString());
            Assert.Equal(shop.Slug, tenant.GetProperty("slug").GetString());
            Assert.Equal($"/webhook/{shop.Slug}", tenant.GetProperty("webhook_url").GetString());
            var full = tenant.GetProperty("full_webhook_url").GetString();
            Assert.StartsWith("http://", full, StringComparison.Ordinal);
            Assert.EndsWith($"/webhook/{shop.Slug}", full, StringComparison.Ordinal);
            Assert.Equal(shop.TwilioWebhookUrl, tenant.GetProperty("twilio_webhook_url").GetString());
            Assert.Equal("active", tenant.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task HealthzAnswersOnBothListeners()
    {
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync(system.InternalUrl, "/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await system.GetAsync(system.PublicUrl, "/healthz")).Status);
    }

    [Fact]
    public async Task ReadyzReportsReadyWithTheDatabaseUp()
    {
        var reply = await system.GetAsync(system.InternalUrl, "/readyz");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var json = reply.Json();
        Assert.Equal("ready", json.GetProperty("status").GetString());
        Assert.Equal("ok", json.GetProperty("database").GetString());
        Assert.True(json.GetProperty("tenants").GetInt32() >= DemoShop.All.Count, reply.ToString());
    }

    [Fact]
    public async Task MetricsAreTextCountingTheTenants()
    {
        var reply = await system.GetAsync(system.InternalUrl, "/metrics");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("text/plain", reply.MediaType);
        var line = reply.Body.Split('\n').Single(l => l.StartsWith("sintestesia_gateway_tenants ", StringComparison.Ordinal));
        Assert.True(int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture) >= DemoShop.All.Count, line);
    }

    [Theory]
    [InlineData("GET", "/tenants")]
    [InlineData("GET", "/readyz")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/admin/tenants/acme-cannabis-2024")]
    [InlineData("POST", "/webhook/acme")]
    public async Task PublicListenerRefusesTheInternalApi(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(system.PublicUrl, path));
        request.Headers.Authorization = new("Bearer", system.Secrets.AdminToken);
        if (method == "POST")
        {
            request.Content = GatewayCalls.Json(new { Telefono = GatewayCalls.Shopper, Mensaje = "hola" });
        }

        var reply = await system.SendAsync(request);

        ErrorReply.AssertSentence(reply, HttpStatusCode.NotFound);
        Assert.DoesNotContain("acme-cannabis-2024", reply.Body, StringComparison.Ordinal);
    }
}
