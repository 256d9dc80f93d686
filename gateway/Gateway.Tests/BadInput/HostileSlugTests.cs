using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.BadInput;

/// <summary>Slugs carrying SQL or path tricks find no shop and harm nothing.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class HostileSlugTests(SharedSystem system)
{
    public static TheoryData<string> HostilePaths => new()
    {
        $"/webhook/{Uri.EscapeDataString("acme'; DROP TABLE products;--")}",
        $"/webhook/{Uri.EscapeDataString("acme\" OR 1=1 --")}",
        "/webhook/..%2F..%2Fetc%2Fpasswd",
        "/webhook/%2E%2E",
        $"/webhook/{new string('a', 300)}",
    };

    [Theory]
    [MemberData(nameof(HostilePaths))]
    public async Task HostileSlugFindsNoShopAndHarmsNothing(string path)
    {
        var reply = await system.AskAtPathAsync(path, "hola");

        Assert.True(reply.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, reply.ToString());
        ErrorReply.AssertShape(reply);
        Assert.Null(reply.Field("tenant_id"));
        Assert.True((long)(await system.Database.ScalarAsync("SELECT COUNT(*) FROM products WHERE client_id = $id", ("$id", DemoShop.Acme.Id)))! > 0);
        Assert.Equal(HttpStatusCode.OK, (await system.AskAsync("acme", "hola")).Status);
    }

    [Theory]
    [InlineData("/webhook/%00")]
    [InlineData("/webhook/acme%00")]
    public async Task NulByteInTheSlugIsRefusedBeforeRouting(string path)
    {
        // Kestrel rejects a decoded NUL in the request target itself, with a bare 400, before any app code runs.
        var reply = await system.AskAtPathAsync(path, "hola");

        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.ToString());
        if (reply.Body.Length > 0)
        {
            ErrorReply.AssertShape(reply);
        }

        Assert.Equal(HttpStatusCode.OK, (await system.AskAsync("acme", "hola")).Status);
    }
}
