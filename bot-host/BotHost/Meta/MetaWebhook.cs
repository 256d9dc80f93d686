using System.Text.Json;
using Sintestesia.BotHost.Security;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.BotHost.Meta;

/// <summary>What the webhook tells Meta (which ignores it) and an operator reading a trace: how many events were queued.</summary>
internal sealed record MetaAck(string Status, int Accepted);

/// <summary>
/// <c>GET|POST /bot/meta/webhook</c> for the tenant the gateway resolved: Meta's verify handshake, and signed
/// notifications, which are queued for <see cref="MetaInbox"/> and answered 200 at once.
/// </summary>
internal static partial class MetaWebhook
{
    public const string Path = "/bot/meta/webhook";
    private const int MaxChallengeLength = 256;

    public static void MapMetaWebhook(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, VerifyAsync);
        app.MapPost(Path, ReceiveAsync);
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, MetaAccounts accounts, ILoggerFactory loggers, CancellationToken ct)
    {
        var tenant = context.ForwardedTenant()!;
        var query = context.Request.Query;
        string token = query["hub.verify_token"].ToString(), challenge = query["hub.challenge"].ToString();
        var reason = query["hub.mode"] != "subscribe" ? "hub.mode is not 'subscribe'"
            : token.Length == 0 ? "no hub.verify_token"
            : challenge.Length is 0 or > MaxChallengeLength ? "no usable hub.challenge"
            : null;
        if (reason is null)
        {
            var active = await accounts.ActiveAsync(tenant.TenantId, ct);
            reason = active.Count == 0 ? "the tenant has no active Meta account"
                : !active.Any(a => MetaSignature.SameSecret(token, a.VerifyToken)) ? "hub.verify_token does not match"
                : null;
        }

        if (reason is not null)
        {
            Log.Refused(Logger(loggers), tenant.TenantId, "verification", reason);
            return ErrorResponses.ErrorResult(StatusCodes.Status403Forbidden, "The verify token does not match this shop's Meta settings.");
        }

        Log.Verified(Logger(loggers), tenant.TenantId);
        return TypedResults.Text(challenge, "text/plain");
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, MetaAccounts accounts, MetaInbox inbox, ILoggerFactory loggers, CancellationToken ct)
    {
        var tenant = context.ForwardedTenant()!;
        var logger = Logger(loggers);
        var body = await ReadBodyAsync(context.Request, ct);
        var signature = context.Request.Headers[MetaSignature.Header].ToString();
        var active = signature.Length == 0 ? [] : await accounts.ActiveAsync(tenant.TenantId, ct);
        // Numbers of this tenant whose app secret made the signature: only their messages are this request's to answer.
        var signedFor = active.Where(a => MetaSignature.Matches(body.Span, signature, a.AppSecret)).Select(a => a.PhoneNumberId).ToHashSet(StringComparer.Ordinal);
        if (signedFor.Count == 0)
        {
            Log.Refused(logger, tenant.TenantId, "notification", signature.Length == 0 ? $"no {MetaSignature.Header} header"
                : active.Count == 0 ? "the tenant has no active Meta account" : "the signature does not match the app secret");
            return ErrorResponses.ErrorResult(StatusCodes.Status401Unauthorized,
                $"The {MetaSignature.Header} signature is missing or does not match this shop's Meta app secret.");
        }

        MetaNotification notification;
        try
        {
            notification = MetaPayload.Parse(body);
        }
        catch (JsonException)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, "The body is not a JSON webhook notification.");
        }

        if (!notification.IsWhatsApp)
        {
            Log.NotWhatsApp(logger, tenant.TenantId, notification.Object);
            return TypedResults.Ok(new MetaAck("ignored", 0));
        }

        var accepted = 0;
        foreach (var change in notification.Changes)
        {
            if (!signedFor.Contains(change.PhoneNumberId))
            {
                // Never another tenant's number: the gateway routed this here, but the number says otherwise.
                Log.ForeignNumber(logger, tenant.TenantId, change.PhoneNumberId, change.Events.Count);
                continue;
            }

            foreach (var e in change.Events)
            {
                var orderKey = e is MetaInbound m ? $"{tenant.TenantId}/{m.From}" : $"{tenant.TenantId}/status";
                if (!inbox.TryAccept(new MetaWork(tenant.TenantId, e, orderKey)))
                {
                    Log.Busy(logger, tenant.TenantId, accepted);
                    return ErrorResponses.ErrorResult(StatusCodes.Status503ServiceUnavailable,
                        "This bot host is busy; Meta will deliver the notification again.");
                }

                accepted++;
            }
        }

        return TypedResults.Ok(new MetaAck("success", accepted));
    }

    /// <summary>The raw bytes Meta signed; Kestrel's body limit bounds them.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(MetaWebhook).FullName!);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Meta {Kind} for tenant {TenantId} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string tenantId, string kind, string reason);

        [LoggerMessage(2, LogLevel.Information, "Meta webhook of tenant {TenantId} verified")]
        public static partial void Verified(ILogger logger, string tenantId);

        [LoggerMessage(3, LogLevel.Warning, "Meta notification for tenant {TenantId}: ignored {Count} event(s) for phone_number_id {PhoneNumberId}, which is not a number of this tenant signed with its app secret")]
        public static partial void ForeignNumber(ILogger logger, string tenantId, string phoneNumberId, int count);

        [LoggerMessage(4, LogLevel.Information, "Meta notification for tenant {TenantId} ignored: object '{Object}' is not a WhatsApp Business Account")]
        public static partial void NotWhatsApp(ILogger logger, string tenantId, string? @object);

        [LoggerMessage(5, LogLevel.Warning, "Meta notification for tenant {TenantId}: queue full after {Accepted} event(s); answered 503 so Meta retries")]
        public static partial void Busy(ILogger logger, string tenantId, int accepted);
    }
}
