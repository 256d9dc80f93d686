using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

[Collection(SharedSystemDefinition.Name)]
public sealed class JsonWebhookRouteTests(SharedSystem system)
{
    [Fact]
    public async Task WebhookBySlugAnswersInTheContractShape()
    {
        var reply = await system.AskAsync("acme", "northern lights");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.True(reply.IsJson, reply.ToString());
        Assert.Equal("success", reply.Field("status"));
        Assert.Equal(DemoShop.Acme.Id, reply.Field("tenant_id"));
        Assert.Equal("slug", reply.Field("resolved_by"));
        Assert.Equal(GatewayCalls.Shopper, reply.Field("telefono"));
        Assert.Contains("Northern Lights", reply.Field("respuesta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryDemoShopAnswersWithItsOwnName()
    {
        foreach (var shop in DemoShop.All)
        {
            var reply = await system.AskAsync(shop.Slug, "hola");

            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            Assert.Equal(shop.Id, reply.Field("tenant_id"));
            Assert.Contains(shop.Name, reply.Field("respuesta"), StringComparison.Ordinal);
        }
    }
}
