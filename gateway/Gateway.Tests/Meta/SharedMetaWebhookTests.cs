using System.Net;
using System.Security.Cryptography;
using System.Text;
using Sintestesia.Gateway.Tests.Infrastructure;

namespace Sintestesia.Gateway.Tests.Meta;

/// <summary>A system of its own: the platform's Meta app verify token is configured.</summary>
public sealed class SharedMetaSystem() : RunningSystem(botHostCount: 1, adminApi: true)
{
    public const string PlatformVerifyToken = "platform-verify-token-7f1c";

    protected override void AddGatewaySettings(Dictionary<string, string?> settings) =>
        settings["Gateway:MetaVerifyToken"] = PlatformVerifyToken;
}

/// <summary>
/// <c>https://sintestesia.cl/bot/meta/webhook</c>: one Meta app posts every shop's numbers there; the gateway answers the
/// app's handshake and hands each notification to the shop owning its phone_number_id.
/// </summary>
public sealed class SharedMetaWebhookTests(SharedMetaSystem system) : IClassFixture<SharedMetaSystem>
{
    [Fact]
    public async Task TheHandshakeIsAnsweredWithThePlatformAppsVerifyToken()
    {
        var ok = await system.SendAsync(Apex(HttpMethod.Get,
            $"/bot/meta/webhook?hub.mode=subscribe&hub.verify_token={SharedMetaSystem.PlatformVerifyToken}&hub.challenge=424242"));
        var wrong = await system.SendAsync(Apex(HttpMethod.Get, "/bot/meta/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"));

        Assert.True(ok.Status == HttpStatusCode.OK, ok.ToString());
        Assert.Equal("424242", ok.Body);
        ErrorReply.AssertSentence(wrong, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ANotificationReachesTheShopOwningItsPhoneNumberIdAndIsCheckedWithThatShopsSecret()
    {
        const string appSecret = "shared-app-secret-for-acme";
        var put = await system.AdminAsync(HttpMethod.Put, $"/admin/tenants/{DemoShop.Acme.Id}/meta",
            new { PhoneNumberId = "740000000000001", VerifyToken = "acme-verify", AppSecret = appSecret, AccessToken = "EAAGacme" });
        Assert.True(put.Status == HttpStatusCode.NoContent, put.ToString());
        var body = StatusNotification("740000000000001");

        var signed = await system.SendAsync(Notification(body, Sign(appSecret, body)));
        var wronglySigned = await system.SendAsync(Notification(body, Sign("another-secret", body)));

        Assert.True(signed.Status == HttpStatusCode.OK, signed.ToString());
        ErrorReply.AssertSentence(wronglySigned, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ANotificationForANumberNoShopOwnsIsRefusedAtTheGateway()
    {
        var body = StatusNotification("749999999999999");

        var reply = await system.SendAsync(Notification(body, Sign("any", body)));

        ErrorReply.AssertSentence(reply, HttpStatusCode.NotFound);
        Assert.Contains("749999999999999", reply.Field("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatIsNotAMetaNotificationIsABadRequest()
    {
        ErrorReply.AssertSentence(await system.SendAsync(Notification("{\"hola\":1}", "sha256=00")), HttpStatusCode.BadRequest);
    }

    private HttpRequestMessage Apex(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, new Uri(system.PublicUrl, pathAndQuery));
        request.Headers.Host = "sintestesia.cl";
        return request;
    }

    private HttpRequestMessage Notification(string json, string signature)
    {
        var request = Apex(HttpMethod.Post, "/bot/meta/webhook");
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add("X-Hub-Signature-256", signature);
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
}
