using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Security;

/// <summary>A shopper of one shop never sees another shop's products, whatever they ask for.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class TenantIsolationTests(SharedSystem system)
{
    [Fact]
    public async Task ShopperOfOneShopNeverSeesAnotherShopsProducts()
    {
        var names = await system.Database.ProductNamesAsync();
        foreach (var shop in DemoShop.All)
        {
            var own = names[shop.Id].ToList();
            var foreign = DemoShop.All.Where(s => s != shop).SelectMany(s => names[s.Id])
                .Where(n => !own.Any(o => o.Contains(n, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            Assert.NotEmpty(own);
            Assert.NotEmpty(foreign);

            var greeting = await AnswerAsync(shop, "hola");
            Assert.Contains(shop.Name, greeting, StringComparison.Ordinal);
            Assert.DoesNotContain(foreign, n => greeting.Contains(n, StringComparison.OrdinalIgnoreCase));

            foreach (var asked in foreign)
            {
                var answer = await AnswerAsync(shop, asked);
                var leaked = foreign.Where(n => answer.Contains(n, StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.True(leaked.Count == 0, $"{shop.Slug} asked for '{asked}' answered with {string.Join(", ", leaked)}: {answer}");
            }
        }
    }

    private async Task<string> AnswerAsync(DemoShop shop, string mensaje)
    {
        var reply = await system.AskAsync(shop.Slug, mensaje);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(shop.Id, reply.Field("tenant_id"));
        return reply.Field("respuesta")!;
    }
}
