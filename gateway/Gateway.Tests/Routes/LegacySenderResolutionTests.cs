using System.Net;
using System.Xml.Linq;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Routes;

/// <summary>
/// Legacy Twilio forms name no shop: the sender decides, most specific first — Messaging Service, then account and
/// number, then number. Pooled numbers post a To that may belong to anyone; routing by it would lose the message.
/// </summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class LegacySenderResolutionTests(SharedSystem system)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task AMessagingServiceNumberIsRoutedByItsServiceEvenWhenItsToNumberIsAnotherShops()
    {
        var pool = await ShopAsync("pool-a", "AC" + new string('a', 32), "pool-token-a", "+15550000001");
        await ShopAsync("pool-b", "AC" + new string('b', 32), "pool-token-b", "+15550000002");
        const string service = "MG0123456789abcdef0123456789abcdef";
        await system.Database.ExecuteAsync("UPDATE twilio_accounts SET messaging_service_sid = $sid WHERE tenant_id = $id", ("$sid", service), ("$id", pool.Id));

        var form = TwilioForm.Inbound("+15550000002", "hola");
        form["MessagingServiceSid"] = service;
        form["AccountSid"] = pool.AccountSid;
        var (reply, _) = await Poll.UntilAsync(() => PostSignedAsync(form, pool.Token), r => r.Status == HttpStatusCode.OK, Deadline);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Contains("Tienda pool-a", XDocument.Parse(reply.Body).Root?.Element("Message")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANumberSharedByTwoAccountsIsRoutedByAccountAndNumberTogether()
    {
        const string shared = "+15550000003";
        var first = await ShopAsync("shared-a", "AC" + new string('c', 32), "shared-token-a", shared);
        var second = await ShopAsync("shared-b", "AC" + new string('d', 32), "shared-token-b", shared);

        foreach (var shop in new[] { first, second })
        {
            var form = TwilioForm.Inbound(shared, "hola");
            form["AccountSid"] = shop.AccountSid;
            var reply = await PostSignedAsync(form, shop.Token);

            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            Assert.Contains($"Tienda {shop.Slug}", XDocument.Parse(reply.Body).Root?.Element("Message")?.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ANumberSharedByTwoShopsWithoutAnAccountToTellThemApartRoutesToNeither()
    {
        const string shared = "+15550000004";
        var first = await ShopAsync("twin-a", "AC" + new string('e', 32), "twin-token-a", shared);
        await ShopAsync("twin-b", "AC" + new string('f', 32), "twin-token-b", shared);

        var form = TwilioForm.Inbound(shared, "hola");
        form.Remove("AccountSid");
        var reply = await PostSignedAsync(form, first.Token);

        ErrorReply.AssertSentence(reply, HttpStatusCode.NotFound);
    }

    private async Task<Shop> ShopAsync(string slug, string accountSid, string token, string number)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = $"Tienda {slug}", Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Field("id")!;
        var twilio = await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/twilio",
            new { AccountSid = accountSid, AuthToken = token, FromNumber = number });
        Assert.True(twilio.Status == HttpStatusCode.NoContent, twilio.ToString());
        return new Shop(id, slug, accountSid, token);
    }

    private Task<Reply> PostSignedAsync(Dictionary<string, string> form, string token)
    {
        var signature = TwilioSignature.Compute(token, $"https://{system.InternalUrl.Host}/webhook", form);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.InternalUrl, "/webhook")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature);
        return system.SendAsync(request);
    }

    private sealed record Shop(string Id, string Slug, string AccountSid, string Token);
}
