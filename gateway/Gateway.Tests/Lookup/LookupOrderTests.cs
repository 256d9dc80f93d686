using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Lookup;

/// <summary><c>/webhook/{segment}</c>: exact slug → <c>{slug}-{year}</c> ID → fuzzy name, only when one tenant clearly wins.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class LookupOrderTests(SharedSystem system)
{
    [Theory]
    [InlineData("acme", "acme-cannabis-2024", "slug")]
    [InlineData("mundo-canino", "mundo-canino-2024", "slug")]
    [InlineData("acme-cannabis", "acme-cannabis-2024", "id")]
    [InlineData("bravo-gaming", "bravo-gaming-2024", "id")]
    [InlineData("Mundo Canino", "mundo-canino-2024", "name")]
    [InlineData("mundo canino", "mundo-canino-2024", "name")]
    [InlineData("MUNDO  Canino", "mundo-canino-2024", "name")]
    [InlineData("Bravo Gamíng", "bravo-gaming-2024", "name")]
    public async Task SegmentResolvesToTheShopAndSaysHow(string segment, string tenantId, string resolvedBy)
    {
        var reply = await system.AskAsync(segment, "hola");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal(tenantId, reply.Field("tenant_id"));
        Assert.Equal(resolvedBy, reply.Field("resolved_by"));
    }

    [Fact]
    public async Task NameCloseToTwoShopsIsNotFoundRatherThanGuessed()
    {
        await CreateAsync("flores-tienda", "Tienda Las Flores");
        var alone = await system.AskAsync("Tienda Las Flor", "hola");
        Assert.True(alone.Status == HttpStatusCode.OK, $"with one close name the lookup should resolve: {alone}");
        Assert.Equal("name", alone.Field("resolved_by"));

        await CreateAsync("floras-tienda", "Tienda Las Floras");
        var ambiguous = await system.AskAsync("Tienda Las Flor", "hola");

        ErrorReply.AssertSentence(ambiguous, HttpStatusCode.NotFound);
        Assert.Null(ambiguous.Field("tenant_id"));
    }

    [Fact]
    public async Task NameOfNoShopIsNotFound()
    {
        ErrorReply.AssertSentence(await system.AskAsync("Ferretería El Martillo", "hola"), HttpStatusCode.NotFound);
    }

    private async Task CreateAsync(string slug, string name)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = name, Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
    }
}
