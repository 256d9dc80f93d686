using System.Net;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary>Twilio credentials, catalogs and the message log through the admin API.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class AdminCredentialsAndCatalogTests(SharedSystem system)
{
    [Fact]
    public async Task TwilioTokenIsStoredEncryptedAndNeverReturned()
    {
        var id = await CreateAsync("twilio-tienda", "Tienda Con Twilio");
        var token = $"tok-{Guid.NewGuid():N}";
        const string number = "+15550001111";

        var put = await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/twilio",
            new { AccountSid = "AC" + new string('a', 32), AuthToken = token, FromNumber = number });
        Assert.True(put.Status == HttpStatusCode.NoContent, put.ToString());

        // The stored token works: Twilio's signature made with it is accepted.
        var form = TwilioForm.Inbound(number, "hola");
        var signed = await system.TwilioAsync("twilio-tienda.sintestesia.cl", form,
            TwilioSignature.Compute(token, "https://twilio-tienda.sintestesia.cl/bot/twilio/webhook", form));
        Assert.True(signed.Status == HttpStatusCode.OK, signed.ToString());

        var stored = (string)(await system.Database.ScalarAsync("SELECT auth_token_enc FROM twilio_accounts WHERE tenant_id = $id", ("$id", id)))!;
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        foreach (var reply in new[]
        {
            await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}"),
            await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/messages"),
            await system.AdminAsync(HttpMethod.Patch, $"/admin/tenants/{id}", new { Name = "Tienda Con Twilio Renombrada" }),
            await system.GetAsync(system.InternalUrl, "/tenants"),
        })
        {
            Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
            Assert.DoesNotContain(token, reply.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ReplacedCatalogAnswersWithTheNewProductsOnly()
    {
        var id = await CreateAsync("catalogo-tienda", "Tienda Catalogo");
        var first = await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/products",
            new[] { new { Name = "Lámpara de Sal Himalaya", Price = 15990, Stock = 4 } });
        Assert.True(first.Status == HttpStatusCode.OK, first.ToString());
        Assert.Equal(1, first.Json().GetProperty("count").GetInt32());
        Assert.Contains("Lámpara de Sal Himalaya", (await system.AskAsync("catalogo-tienda", "lampara")).Field("respuesta"), StringComparison.Ordinal);

        var second = await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/products", new[]
        {
            new { Name = "Taza de Cerámica Artesanal", Price = 7990, Stock = 10 },
            new { Name = "Vela Aromática de Soya", Price = 5990, Stock = 3 },
        });

        Assert.Equal(2, second.Json().GetProperty("count").GetInt32());
        Assert.Contains("Taza de Cerámica Artesanal", (await system.AskAsync("catalogo-tienda", "taza")).Field("respuesta"), StringComparison.Ordinal);
        Assert.DoesNotContain("Lámpara", (await system.AskAsync("catalogo-tienda", "lampara de sal himalaya")).Field("respuesta"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesAreListedNewestFirst()
    {
        var id = await CreateAsync("mensajes-tienda", "Tienda Mensajes");
        await system.AskAsync("mensajes-tienda", "primer mensaje");
        await system.AskAsync("mensajes-tienda", "segundo mensaje");

        var reply = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/messages?limit=50");

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        var messages = reply.Json().GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(4, messages.Count);
        var ids = messages.Select(m => m.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderByDescending(i => i), ids);
        Assert.Equal("outbound", messages[0].GetProperty("direction").GetString());
        Assert.Equal("segundo mensaje", messages[1].GetProperty("body").GetString());
        Assert.Equal("primer mensaje", messages[3].GetProperty("body").GetString());
        var limited = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/messages?limit=1");
        Assert.Equal(ids[0], Assert.Single(limited.Json().GetProperty("messages").EnumerateArray().ToList()).GetProperty("id").GetInt64());
    }

    private async Task<string> CreateAsync(string slug, string name)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = name, Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Field("id")!;
    }
}
