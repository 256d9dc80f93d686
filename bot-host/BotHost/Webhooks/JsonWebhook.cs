using System.Text.Json;
using System.Text.Json.Serialization;
using Sintestesia.BotHost.Conversation;
using Sintestesia.BotHost.Engine;
using Sintestesia.BotHost.Security;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Webhooks;

public sealed record JsonWebhookRequest(
    [property: JsonPropertyName("telefono")] string? Telefono,
    [property: JsonPropertyName("mensaje")] string? Mensaje);

public sealed record JsonWebhookReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("tenant_id")] string TenantId,
    [property: JsonPropertyName("resolved_by")] string ResolvedBy,
    [property: JsonPropertyName("telefono")] string Telefono,
    [property: JsonPropertyName("respuesta")] string Respuesta,
    [property: JsonPropertyName("intent")] string? Intent);

/// <summary><c>POST /webhook</c>: the contract's JSON message, answered in JSON.</summary>
internal static class JsonWebhook
{
    public static void MapJsonWebhook(this IEndpointRouteBuilder app) => app.MapPost("/webhook", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, ConversationService conversation, CancellationToken ct)
    {
        var tenant = context.ForwardedTenant()!;
        JsonWebhookRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<JsonWebhookRequest>(context.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, "The body is not valid JSON.");
        }

        if (string.IsNullOrWhiteSpace(request?.Telefono) || string.IsNullOrWhiteSpace(request.Mensaje))
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, "Both 'telefono' and 'mensaje' are required.");
        }

        // One shopper, one conversation, however the number was typed ("+56 9 1234 5678" or "+56912345678").
        var phone = PhoneNumbers.Canonical(request.Telefono) is { Length: > 0 } canonical ? canonical : request.Telefono.Trim();
        if (phone.Length > StoredLengths.Phone)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, $"'telefono' must be at most {StoredLengths.Phone} characters.");
        }

        var reply = await conversation.HandleAsync(new InboundMessage(tenant.TenantId, "json", phone, request.Mensaje.Trim(), null), ct);
        return reply is null
            ? ErrorResponses.ErrorResult(StatusCodes.Status404NotFound, "This shop no longer exists.")
            : TypedResults.Ok(new JsonWebhookReply("success", tenant.TenantId, tenant.ResolvedBy, request.Telefono.Trim(),
                reply.Text ?? string.Empty, reply.Intent?.ToContractName()));
    }
}
