using Sintestesia.BotHost.Conversation;
using Sintestesia.BotHost.Security;
using Sintestesia.BotHost.Twilio;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Lookup;
using Twilio.TwiML;

namespace Sintestesia.BotHost.Webhooks;

/// <summary>
/// <c>POST /bot/twilio/webhook</c>: a Twilio form, signature checked, answered in TwiML — or, when the answer is not
/// ready within the reply budget, with an empty <c>&lt;Response/&gt;</c> and the answer sent later through the REST API.
/// </summary>
internal static class TwilioWebhook
{
    public static void MapTwilioWebhook(this IEndpointRouteBuilder app) => app.MapPost("/bot/twilio/webhook", HandleAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, TwilioSignatureCheck signatures, TwilioReplies replies, CancellationToken ct)
    {
        var tenant = context.ForwardedTenant()!;
        var (form, refusal) = await signatures.ReadSignedFormAsync(context, tenant, ct);
        if (form is null)
        {
            return refusal!;
        }

        var from = PhoneNumbers.Canonical(form["From"].ToString());
        if (from.Length == 0)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, "The Twilio form has no 'From'.");
        }

        if (from.Length > StoredLengths.Phone)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, $"The Twilio form's 'From' is longer than {StoredLengths.Phone} characters.");
        }

        if (form["MessageSid"].ToString().Length > StoredLengths.ProviderMessageId)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest,
                $"The Twilio form's 'MessageSid' is longer than {StoredLengths.ProviderMessageId} characters.");
        }

        var message = TwilioInboundForm.ToMessage(tenant.TenantId, from, form, context.Request.Headers[TwilioInboundForm.IdempotencyHeader]);
        var reply = await replies.AnswerAsync(message, ct);
        if (reply is null)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status404NotFound, "This shop no longer exists.");
        }

        // A quiet bot (hand-off, opt-out) still answers Twilio: an empty <Response/> sends nothing.
        var twiml = new MessagingResponse();
        if (reply.Text is { Length: > 0 } answer)
        {
            twiml.Message(answer);
        }

        return TypedResults.Text(twiml.ToString(), "application/xml; charset=utf-8");
    }
}
