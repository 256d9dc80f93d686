using Sintestesia.BotHost.Security;
using Sintestesia.BotHost.Twilio;
using Sintestesia.TenantConfig.Hosting;

namespace Sintestesia.BotHost.Webhooks;

/// <summary>
/// <c>POST /bot/twilio/status</c>: Twilio's delivery status for a message sent through the REST API, signature checked
/// like the webhook, applied to this tenant's outbound row with that SID (an unknown SID is acknowledged and ignored).
/// </summary>
internal static class TwilioStatusCallback
{
    public const string Path = "/bot/twilio/status";

    public static void MapTwilioStatusCallback(this IEndpointRouteBuilder app) => app.MapPost(Path, HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpContext context, TwilioSignatureCheck signatures, TwilioStatusUpdates updates, CancellationToken ct)
    {
        var tenant = context.ForwardedTenant()!;
        var (form, refusal) = await signatures.ReadSignedFormAsync(context, tenant, ct);
        if (form is null)
        {
            return refusal!;
        }

        var sid = form["MessageSid"].ToString();
        var status = form["MessageStatus"].ToString();
        if (sid.Length == 0 || status.Length == 0)
        {
            return ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, "A status callback needs 'MessageSid' and 'MessageStatus'.");
        }

        await updates.ApplyAsync(new TwilioStatusReport(tenant.TenantId, sid, status, form["ErrorCode"].ToString(), form["ErrorMessage"].ToString()), ct);
        return TypedResults.Ok();
    }
}
