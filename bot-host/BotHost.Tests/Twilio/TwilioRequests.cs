using System.Text;
using System.Text.Json;
using Sintestesia.BotHost.Tests.Infrastructure;
using Sintestesia.TenantConfig.Proof;

namespace Sintestesia.BotHost.Tests.Twilio;

/// <summary>The requests the gateway forwards to the bot host's Twilio outbound routes.</summary>
public static class TwilioRequests
{
    public const string StatusPath = "/bot/twilio/status";

    public static string StatusUrl(string slug) => $"https://{slug}.sintestesia.cl{StatusPath}";

    /// <summary>
    /// <c>POST /bot/twilio/status</c> for <paramref name="tenantId"/>, signed (with Twilio's documented algorithm, computed
    /// in the tests) with <paramref name="authToken"/> for the public URL; no signature when the token is null.
    /// </summary>
    public static async Task<HttpResponseMessage> PostStatusAsync(
        this BotHostFixture host, string tenantId, string slug, string? authToken, IReadOnlyDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(host);
        var url = StatusUrl(slug);
        using var request = host.Gateway.Create(new ForwardedRequest(tenantId, "slug", "POST", StatusPath, url), new FormUrlEncodedContent(form));
        if (authToken is not null)
        {
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(authToken, url, form));
        }

        return await host.Client.SendAsync(request);
    }

    /// <summary>The form Twilio posts to a status callback.</summary>
    public static Dictionary<string, string> StatusForm(string accountSid, string messageSid, string status, string? errorCode = null) =>
        new(StringComparer.Ordinal)
        {
            ["AccountSid"] = accountSid,
            ["MessageSid"] = messageSid,
            ["SmsSid"] = messageSid,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
            ["ChannelPrefix"] = "whatsapp",
            ["ApiVersion"] = "2010-04-01",
            ["ErrorCode"] = errorCode ?? string.Empty,
            ["ErrorMessage"] = errorCode is null ? string.Empty : "Message failed to send because more than 24 hours have passed",
        };

    /// <summary><c>POST /outbound/messages</c> as the gateway forwards <c>POST /admin/tenants/{id}/messages</c>.</summary>
    public static async Task<HttpResponseMessage> PostOutboundAsync(this BotHostFixture host, string tenantId, object body)
    {
        ArgumentNullException.ThrowIfNull(host);
        var json = body as string ?? JsonSerializer.Serialize(body);
        using var request = host.Gateway.Create(
            new ForwardedRequest(tenantId, "id", "POST", "/outbound/messages", $"http://127.0.0.1:9001/admin/tenants/{tenantId}/messages"),
            new StringContent(json, Encoding.UTF8, "application/json"));
        return await host.Client.SendAsync(request);
    }

    public static string WhatsApp(string phone) => "whatsapp:" + phone;

    public static string NewContentSid() => "HX" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
