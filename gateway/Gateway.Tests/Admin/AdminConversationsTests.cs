using System.Net;
using System.Text.Json;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary>Conversations through the admin API: who waits for a person, and handing them back to the bot.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class AdminConversationsTests(SharedSystem system)
{
    [Fact]
    public async Task HandOffsAreListedNewestFirstWithTheirStates()
    {
        var id = await CreateAsync("conv-lista", "Tienda Lista Conversaciones");
        await SeedAsync(id, "+56981110001", "2024-06-15 09:00:00", handoff: true, optedOut: false);
        await SeedAsync(id, "+56981110002", "2024-06-15 10:00:00", handoff: false, optedOut: true);
        await SeedAsync(id, "+56981110003", "2024-06-15 11:00:00", handoff: true, optedOut: true);

        var handoffs = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/conversations?state=handoff&limit=50");
        var all = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/conversations");
        var limited = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/conversations?limit=1");

        Assert.True(handoffs.Status == HttpStatusCode.OK, handoffs.ToString());
        Assert.Equal("success", handoffs.Field("status"));
        Assert.Equal(id, handoffs.Field("tenant_id"));
        var listed = Conversations(handoffs);
        Assert.Equal(["+56981110003", "+56981110001"], listed.Select(c => c.GetProperty("phone").GetString()));
        Assert.True(listed[0].GetProperty("handoff").GetBoolean());
        Assert.True(listed[0].GetProperty("opted_out").GetBoolean());
        Assert.False(listed[1].GetProperty("opted_out").GetBoolean());
        Assert.Equal(new DateTime(2024, 6, 15, 11, 0, 0, DateTimeKind.Utc), listed[0].GetProperty("updated_at").GetDateTime().ToUniversalTime());
        Assert.Equal(3, Conversations(all).Count);
        Assert.Equal("+56981110003", Assert.Single(Conversations(limited)).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task ReleaseClearsTheHandOffButKeepsTheOptOut()
    {
        var id = await CreateAsync("conv-suelta", "Tienda Suelta Conversaciones");
        await SeedAsync(id, "+56982220001", "2024-06-15 09:00:00", handoff: true, optedOut: true);

        var released = await system.AdminAsync(HttpMethod.Post, $"/admin/tenants/{id}/conversations/{Uri.EscapeDataString("whatsapp:+56982220001")}/release");
        var handoffs = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/conversations?state=handoff");

        Assert.True(released.Status == HttpStatusCode.OK, released.ToString());
        Assert.Equal("+56982220001", released.Field("phone"));
        Assert.False(released.Json().GetProperty("handoff").GetBoolean());
        Assert.True(released.Json().GetProperty("opted_out").GetBoolean());
        Assert.Empty(Conversations(handoffs));
        Assert.Equal(1L, await system.Database.ScalarAsync("SELECT opted_out FROM conversations WHERE tenant_id = $id", ("$id", id)));
    }

    [Fact]
    public async Task ShopperWhoAskedForAPersonHearsTheBotAgainOnlyAfterRelease()
    {
        var id = await CreateAsync("conv-humano", "Tienda Humano");
        const string shopper = "+56983330001";

        var askedForPerson = await AskAsync("conv-humano", shopper, "quiero hablar con una persona");
        var handoffs = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/conversations?state=handoff");
        var whileWaiting = await AskAsync("conv-humano", shopper, "hola");
        var released = await system.AdminAsync(HttpMethod.Post, $"/admin/tenants/{id}/conversations/{Uri.EscapeDataString(shopper)}/release");
        var afterRelease = await AskAsync("conv-humano", shopper, "hola");

        Assert.True(askedForPerson.Status == HttpStatusCode.OK, askedForPerson.ToString());
        Assert.Equal(shopper, Assert.Single(Conversations(handoffs)).GetProperty("phone").GetString());
        Assert.True(string.IsNullOrEmpty(whileWaiting.Field("respuesta")), whileWaiting.ToString());
        Assert.True(released.Status == HttpStatusCode.OK, released.ToString());
        Assert.False(string.IsNullOrEmpty(afterRelease.Field("respuesta")), afterRelease.ToString());
    }

    [Fact]
    public async Task UnknownConversationTenantOrStateIsRefusedWithASentence()
    {
        var id = await CreateAsync("conv-errores", "Tienda Errores Conversaciones");

        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Post, $"/admin/tenants/{id}/conversations/%2B56984449999/release"), HttpStatusCode.NotFound);
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Post, "/admin/tenants/no-such-2024/conversations/%2B56984449999/release"), HttpStatusCode.NotFound);
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Get, "/admin/tenants/no-such-2024/conversations"), HttpStatusCode.NotFound);
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/conversations?state=waiting"), HttpStatusCode.BadRequest);
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Post, $"/admin/tenants/{id}/conversations/not-a-phone/release"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ConversationsNeedTheAdminToken()
    {
        var id = await CreateAsync("conv-token", "Tienda Token Conversaciones");
        await SeedAsync(id, "+56985550001", "2024-06-15 09:00:00", handoff: true, optedOut: false);
        var wrong = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-the-token");

        var list = await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}/conversations", authorization: wrong);
        var release = await system.AdminAsync(HttpMethod.Post, $"/admin/tenants/{id}/conversations/%2B56985550001/release", authorization: wrong);

        ErrorReply.AssertSentence(list, HttpStatusCode.Unauthorized);
        ErrorReply.AssertSentence(release, HttpStatusCode.Unauthorized);
        Assert.Equal(1L, await system.Database.ScalarAsync("SELECT handoff FROM conversations WHERE tenant_id = $id", ("$id", id)));
    }

    private static List<JsonElement> Conversations(Reply reply) => [.. reply.Json().GetProperty("conversations").EnumerateArray()];

    private Task<Reply> AskAsync(string slug, string phone, string mensaje) =>
        system.PostJsonAsync($"/webhook/{slug}", new { Telefono = phone, Mensaje = mensaje });

    private Task<int> SeedAsync(string tenantId, string phone, string updatedAt, bool handoff, bool optedOut) => system.Database.ExecuteAsync(
        "INSERT INTO conversations (tenant_id, phone, state, updated_at, handoff, opted_out) VALUES ($t, $p, NULL, $u, $h, $o)",
        ("$t", tenantId), ("$p", phone), ("$u", updatedAt), ("$h", handoff), ("$o", optedOut));

    private async Task<string> CreateAsync(string slug, string name)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = name, Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Field("id")!;
    }
}
