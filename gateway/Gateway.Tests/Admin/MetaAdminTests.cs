using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Admin;

/// <summary><c>PUT /admin/tenants/{id}/meta</c>: a shop's WhatsApp Cloud API number, its secrets stored encrypted and never returned.</summary>
[Collection(SharedSystemDefinition.Name)]
public sealed class MetaAdminTests(SharedSystem system)
{
    [Fact]
    public async Task TheSecretsAreStoredEncryptedNeverReturnedAndWorkThroughTheShopsSubdomain()
    {
        var id = await CreateAsync("meta-tienda", "Tienda Con Meta");
        var (verify, appSecret, access) = ($"vt-{Guid.NewGuid():N}", $"as-{Guid.NewGuid():N}", $"EAAG{Guid.NewGuid():N}");

        var put = await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/meta", new
        {
            PhoneNumberId = "730000000000001", DisplayPhoneNumber = "+56 9 5555 0001", VerifyToken = verify, AppSecret = appSecret, AccessToken = access,
        });

        Assert.True(put.Status == HttpStatusCode.NoContent, put.ToString());
        // Meta's handshake through the gateway: the stored verify token decrypts and matches.
        var handshake = await system.SendAsync(PublicRequest(HttpMethod.Get, "meta-tienda",
            $"/bot/meta/webhook?hub.mode=subscribe&hub.verify_token={verify}&hub.challenge=987654321"));
        Assert.True(handshake.Status == HttpStatusCode.OK, handshake.ToString());
        Assert.Equal("987654321", handshake.Body);
        // A delivery update signed with the stored app secret is accepted; unsigned, it is not.
        var status = StatusNotification("730000000000001");
        var signed = await system.SendAsync(Notification("meta-tienda", status, Sign(appSecret, status)));
        Assert.True(signed.Status == HttpStatusCode.OK, signed.ToString());
        ErrorReply.AssertSentence(await system.SendAsync(Notification("meta-tienda", status, signature: null)), HttpStatusCode.Unauthorized);

        var stored = await system.Database.ScalarAsync(
            "SELECT verify_token_enc || '|' || app_secret_enc || '|' || access_token_enc FROM meta_accounts WHERE tenant_id = $id", ("$id", id));
        foreach (var secret in new[] { verify, appSecret, access })
        {
            Assert.DoesNotContain(secret, (string)stored!, StringComparison.Ordinal);
            foreach (var reply in new[] { put, await system.AdminAsync(HttpMethod.Get, $"/admin/tenants/{id}"), await system.GetAsync(system.InternalUrl, "/tenants") })
            {
                Assert.DoesNotContain(secret, reply.Body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task AnotherTenantsNumberIsAConflict()
    {
        var owner = await CreateAsync("meta-duena", "Meta Dueña");
        var other = await CreateAsync("meta-otra", "Meta Otra");
        Assert.Equal(HttpStatusCode.NoContent, (await PutAsync(owner, "730000000000002")).Status);

        var taken = await PutAsync(other, "730000000000002");

        ErrorReply.AssertSentence(taken, HttpStatusCode.Conflict);
        Assert.Equal(owner, await system.Database.ScalarAsync("SELECT tenant_id FROM meta_accounts WHERE phone_number_id = '730000000000002'"));
    }

    [Fact]
    public async Task InvalidSettingsAreRefusedWithASentence()
    {
        var id = await CreateAsync("meta-invalida", "Meta Inválida");

        ErrorReply.AssertSentence(await PutAsync(id, "not-digits"), HttpStatusCode.BadRequest);
        ErrorReply.AssertSentence(await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/meta",
            new { PhoneNumberId = "730000000000003", VerifyToken = "v", AppSecret = "a" }), HttpStatusCode.BadRequest);
        ErrorReply.AssertSentence(await PutAsync("no-existe-2024", "730000000000004"), HttpStatusCode.NotFound);
        Assert.Equal(0L, await system.Database.ScalarAsync("SELECT COUNT(*) FROM meta_accounts WHERE tenant_id = $id", ("$id", id)));
    }

    [Fact]
    public async Task WithoutTheAdminTokenNothingIsSet()
    {
        var id = await CreateAsync("meta-sin-token", "Meta Sin Token");

        var reply = await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/meta",
            new { PhoneNumberId = "730000000000005", VerifyToken = "v", AppSecret = "a", AccessToken = "t" },
            new AuthenticationHeaderValue("Bearer", "wrong-token"));

        ErrorReply.AssertSentence(reply, HttpStatusCode.Unauthorized);
        Assert.Equal(0L, await system.Database.ScalarAsync("SELECT COUNT(*) FROM meta_accounts WHERE tenant_id = $id", ("$id", id)));
    }

    private Task<Reply> PutAsync(string id, string phoneNumberId) => system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{id}/meta",
        new { PhoneNumberId = phoneNumberId, VerifyToken = "verify", AppSecret = "secret", AccessToken = "token" });

    private HttpRequestMessage PublicRequest(HttpMethod method, string slug, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri(system.PublicUrl, pathAndQuery));
        request.Headers.Host = $"{slug}.sintestesia.cl";
        return request;
    }

    private HttpRequestMessage Notification(string slug, string json, string? signature)
    {
        var request = PublicRequest(HttpMethod.Post, slug, "/bot/meta/webhook");
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return request;
    }

    /// <summary>Meta's documented signature, computed here: HMAC-SHA256 of the raw body keyed with the app secret.</summary>
    private static string Sign(string appSecret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(body)));

    private static string StatusNotification(string phoneNumberId) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"56955550001","phone_number_id":"{{{phoneNumberId}}}"},
        "statuses":[{"id":"wamid.unknown","status":"delivered","timestamp":"1732550000","recipient_id":"56911111111"}]}}]}]}
        """;

    private async Task<string> CreateAsync(string slug, string name)
    {
        var created = await system.AdminAsync(HttpMethod.Post, "/admin/tenants", new { Name = name, Slug = slug });
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Field("id")!;
    }
}
