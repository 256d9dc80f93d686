using System.Security.Cryptography;
using System.Text;
using Sintestesia.Gateway.Configuration;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.Gateway.Proxy;

/// <summary>
/// The shared WhatsApp Cloud API webhook at <c>https://{BaseDomain}/bot/meta/webhook</c>. Meta's verification
/// handshake there belongs to the platform's app (its verify token is <c>Gateway:MetaVerifyToken</c>), so the gateway
/// answers it; notifications are forwarded to the tenant that owns the payload's phone_number_id.
/// </summary>
internal static class MetaApex
{
    public static bool IsSharedWebhook(HttpContext context, GatewayOptions options) =>
        context.Request.Path.Equals(BotHostPaths.Meta, StringComparison.Ordinal)
        && string.Equals(context.Request.Host.Host.TrimEnd('.'), options.BaseDomain, StringComparison.OrdinalIgnoreCase);

    public static bool IsHandshake(HttpContext context, GatewayOptions options) =>
        HttpMethods.IsGet(context.Request.Method) && IsSharedWebhook(context, options);

    public static Task AnswerHandshakeAsync(HttpContext context, GatewayOptions options)
    {
        var query = context.Request.Query;
        if (options.MetaVerifyToken is not { Length: > 0 } expected)
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound,
                "The shared Meta webhook is not configured: set Gateway:MetaVerifyToken (env Gateway__MetaVerifyToken).");
        }

        var given = query["hub.verify_token"].ToString();
        if (query["hub.mode"] != "subscribe" || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return context.WriteErrorAsync(StatusCodes.Status403Forbidden, "The verify token does not match.");
        }

        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(query["hub.challenge"].ToString(), context.RequestAborted);
    }
}
