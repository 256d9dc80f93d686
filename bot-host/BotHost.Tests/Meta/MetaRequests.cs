using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>Meta's requests as the gateway forwards them to a bot host, signed here from Meta's documented algorithm.</summary>
public static class MetaRequests
{
    public const string Path = "/bot/meta/webhook";

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body, keyed with the app secret.</summary>
    public static string Sign(string appSecret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>A notification forwarded for <paramref name="tenantId"/>, with <c>X-Hub-Signature-256</c> when given.</summary>
    public static HttpRequestMessage Notification(this GatewayRequests gateway, MetaShop shop, string json, string? signature, string? tenantId = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(shop);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = gateway.Create(new ForwardedRequest(tenantId ?? shop.TenantId, "host", "POST", Path, shop.PublicUrl), content);
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        return request;
    }

    /// <summary>A notification signed with the shop's own app secret.</summary>
    public static HttpRequestMessage SignedNotification(this GatewayRequests gateway, MetaShop shop, string json) =>
        gateway.Notification(shop, json, Sign(shop.AppSecret, Encoding.UTF8.GetBytes(json)));

    /// <summary>Meta's <c>GET</c> verification request; the gateway's proof covers the path, the query rides along.</summary>
    public static HttpRequestMessage Verification(this GatewayRequests gateway, MetaShop shop, string mode, string token, string challenge)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(shop);
        var request = gateway.Create(new ForwardedRequest(shop.TenantId, "host", "GET", Path, shop.PublicUrl));
        var query = $"hub.mode={Uri.EscapeDataString(mode)}&hub.verify_token={Uri.EscapeDataString(token)}&hub.challenge={Uri.EscapeDataString(challenge)}";
        request.RequestUri = new Uri($"{Path}?{query}", UriKind.Relative);
        return request;
    }
}
