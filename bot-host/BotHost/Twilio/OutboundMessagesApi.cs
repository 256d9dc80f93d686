using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sintestesia.BotHost.Conversation;
using Sintestesia.BotHost.Security;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.BotHost.Twilio;

public sealed record OutboundAccepted(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("message_id")] long MessageId);

/// <summary>
/// <c>POST /outbound/messages</c>: a message ops send first (the gateway forwards its admin route
/// <c>POST /admin/tenants/{id}/messages</c> here with its proof). Free text only inside WhatsApp's 24-hour window,
/// otherwise an approved template; refused before anything is stored or sent. An accepted message is stored as
/// <c>queued</c> and answered <c>202</c> with its ID; the row then ends <c>sent</c> (with Twilio's SID) or <c>failed</c>
/// (with the error), and status callbacks update it — <c>GET /admin/tenants/{id}/messages</c> shows the outcome.
/// </summary>
internal static partial class OutboundMessagesApi
{
    public const string Path = "/outbound/messages";

    public static void MapOutboundMessages(this IEndpointRouteBuilder app) => app.MapPost(Path, HandleAsync);

    private static async Task<Results<Accepted<OutboundAccepted>, JsonHttpResult<ErrorBody>>> HandleAsync(
        HttpContext context, TenantDbContext db, WhatsAppWindow window, TwilioOutbox outbox, TimeProvider time, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(OutboundMessagesApi));
        var tenantId = context.ForwardedTenant()!.TenantId;
        OutboundMessageRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<OutboundMessageRequest>(context.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "The body is not valid JSON.");
        }

        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "The body must be a JSON object.");
        }

        if (request.Problem() is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, problem);
        }

        var phone = request.Phone!;
        if (await RefusalAsync(db, window, tenantId, phone, request, ct) is { } refusal)
        {
            Log.Refused(logger, tenantId, refusal.Error);
            return refusal.Result;
        }

        var message = new StoredMessage
        {
            TenantId = tenantId, Direction = MessageDirection.Outbound, Channel = "twilio", Phone = phone,
            Body = request.IsTemplate ? $"[plantilla {request.ContentSid!.Trim()}] {request.VariablesJson}".Trim() : request.Body!.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime, Status = ReplyRoute.QueuedStatus,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync(ct);

        var send = new OutboundSend(tenantId, message.Id, phone, request.IsTemplate ? null : message.Body,
            request.ContentSid?.Trim() is { Length: > 0 } sid ? sid : null, request.VariablesJson);
        if (!outbox.TryEnqueue(send))
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "This bot host is stopping; the message stays stored as queued. Retry on another.");
        }

        Log.Accepted(logger, tenantId, message.Id, request.IsTemplate ? "template" : "free text");
        return TypedResults.Accepted((string?)null, new OutboundAccepted("accepted", message.Id));
    }

    private static async Task<(JsonHttpResult<ErrorBody> Result, string Error)?> RefusalAsync(
        TenantDbContext db, WhatsAppWindow window, string tenantId, string phone, OutboundMessageRequest request, CancellationToken ct)
    {
        var tenantStatus = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Status).FirstOrDefaultAsync(ct);
        if (tenantStatus is null)
        {
            return Refuse(StatusCodes.Status404NotFound, "This shop no longer exists.");
        }

        if (tenantStatus != TenantStatus.Active)
        {
            return Refuse(StatusCodes.Status409Conflict, "This shop is inactive; activate it before sending messages.");
        }

        if (!await db.TwilioAccounts.AsNoTracking().AnyAsync(a => a.TenantId == tenantId && a.Status == "active", ct))
        {
            return Refuse(StatusCodes.Status409Conflict,
                "This shop has no active Twilio account; set one with PUT /admin/tenants/{id}/twilio before sending messages.");
        }

        if (await db.Conversations.AsNoTracking().AnyAsync(c => c.TenantId == tenantId && c.Phone == phone && c.OptedOut, ct))
        {
            return Refuse(StatusCodes.Status409Conflict,
                "This shopper opted out (BAJA) of messages from this shop; nothing was sent until they write ALTA.");
        }

        if (!request.IsTemplate && !await window.IsOpenAsync(tenantId, phone, ct))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity,
                "The shopper's last message is more than 24 hours old (or there is none), so WhatsApp only accepts an approved " +
                "template here: send 'content_sid' (and 'content_variables') instead of 'body'. Nothing was sent.");
        }

        return null;
    }

    private static (JsonHttpResult<ErrorBody>, string) Refuse(int status, string error) => (Error(status, error), error);

    private static JsonHttpResult<ErrorBody> Error(int status, string error) => TypedResults.Json(new ErrorBody(error), statusCode: status);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Tenant {TenantId}: proactive message {MessageId} ({Kind}) queued for Twilio")]
        public static partial void Accepted(ILogger logger, string tenantId, long messageId, string kind);

        [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId}: proactive message refused: {Reason}")]
        public static partial void Refused(ILogger logger, string tenantId, string reason);
    }
}
