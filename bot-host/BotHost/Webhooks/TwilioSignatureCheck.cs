using Microsoft.EntityFrameworkCore;
using Sintestesia.BotHost.Security;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Hosting;
using Sintestesia.TenantConfig.Secrets;
using Twilio.Security;

namespace Sintestesia.BotHost.Webhooks;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> with the tenant's active auth token against the public URL Twilio called
/// (signed into the gateway's proof), not the plain-HTTP URL this bot host sees behind the proxy.
/// </summary>
internal sealed partial class TwilioSignatureCheck(TenantDbContext db, SecretProtector secrets, ILogger<TwilioSignatureCheck> logger)
{
    /// <summary>
    /// The request's form when it is a form signed with the tenant's token for the URL Twilio called; otherwise the
    /// refusal to answer with (415 not a form, 400 unreadable, 403 unsigned or wrongly signed). Nothing is stored first.
    /// </summary>
    public async Task<(IFormCollection? Form, IResult? Refusal)> ReadSignedFormAsync(HttpContext context, ForwardedTenant tenant, CancellationToken ct)
    {
        if (!context.Request.HasFormContentType)
        {
            return (null, ErrorResponses.ErrorResult(StatusCodes.Status415UnsupportedMediaType, "Twilio posts application/x-www-form-urlencoded forms."));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return (null, ErrorResponses.ErrorResult(StatusCodes.Status400BadRequest, "The form body could not be read."));
        }

        return await IsValidAsync(tenant.TenantId, tenant.PublicUrl, form, context.Request.Headers["X-Twilio-Signature"], ct)
            ? (form, null)
            : (null, ErrorResponses.ErrorResult(StatusCodes.Status403Forbidden, "The Twilio signature is missing or does not match this shop's credentials."));
    }

    public async Task<bool> IsValidAsync(string tenantId, string publicUrl, IFormCollection form, string? signature, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(signature))
        {
            Log.Rejected(logger, tenantId, "no X-Twilio-Signature header");
            return false;
        }

        var account = await db.TwilioAccounts.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.Status == "active").OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            Log.Rejected(logger, tenantId, "the tenant has no active Twilio account");
            return false;
        }

        string token;
        try
        {
            token = secrets.Unprotect(account.AuthTokenEnc, SecretProtector.TwilioTokenPurpose(tenantId));
        }
        catch (SecretDecryptionException e)
        {
            Log.Rejected(logger, tenantId, e.Message);
            return false;
        }

        var parameters = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        if (!new RequestValidator(token).Validate(publicUrl, parameters, signature))
        {
            Log.Rejected(logger, tenantId, $"signature does not match {publicUrl}");
            return false;
        }

        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Twilio webhook for tenant {TenantId} refused: {Reason}")]
        public static partial void Rejected(ILogger logger, string tenantId, string reason);
    }
}
