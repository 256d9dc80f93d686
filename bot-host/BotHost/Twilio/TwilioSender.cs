using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Sintestesia.BotHost.Conversation;
using Sintestesia.TenantConfig.Data;
using Sintestesia.TenantConfig.Secrets;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Sintestesia.BotHost.Twilio;

/// <summary>
/// Sends one stored outbound message with the real Twilio SDK and a per-tenant <see cref="TwilioRestClient"/> (its
/// <see cref="System.Net.Http.HttpClient"/> retries 5xx and timeouts), from the tenant's Messaging Service when it has
/// one or else its number, and stores the outcome on the row: <c>sent</c> with Twilio's SID, or <c>failed</c> with why.
/// </summary>
internal sealed partial class TwilioSender(
    IDbContextFactory<TenantDbContext> contexts, SecretProtector secrets, IHttpClientFactory httpClients,
    IOptions<TwilioOptions> options, ILogger<TwilioSender> logger)
{
    public const string HttpClientName = "twilio";

    public async Task SendAsync(OutboundSend send, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.TwilioAccounts.AsNoTracking()
            .Where(a => a.TenantId == send.TenantId && a.Status == "active").OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (account is null)
        {
            await FailAsync(db, send, "The shop has no active Twilio account.", ct);
            return;
        }

        string token;
        try
        {
            token = secrets.Unprotect(account.AuthTokenEnc, SecretProtector.TwilioTokenPurpose(send.TenantId));
        }
        catch (SecretDecryptionException e)
        {
            await FailAsync(db, send, $"The shop's Twilio auth token cannot be read: {e.Message}", ct);
            return;
        }

        var message = await MessageOptionsAsync(db, send, account, ct);
        using var http = httpClients.CreateClient(HttpClientName);
        var client = new TwilioRestClient(account.AccountSid, token, httpClient: new SystemNetHttpClient(http));
        string? error;
        try
        {
            var created = await MessageResource.CreateAsync(message, client);
            await db.Messages.Where(m => m.Id == send.MessageId && m.TenantId == send.TenantId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Sent).SetProperty(m => m.ProviderMessageId, created.Sid)
                    .SetProperty(m => m.Error, (string?)null), ct);
            Log.Sent(logger, send.TenantId, send.MessageId, created.Sid);
            return;
        }
        catch (ApiException e)
        {
            error = $"Twilio refused the message (HTTP {e.Status}, error {e.Code}): {e.Message}";
        }
        catch (ApiConnectionException e)
        {
            error = $"Twilio could not be reached: {(e.InnerException ?? e).Message}";
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = $"Twilio could not be reached: {e.Message}";
        }

        await FailAsync(db, send, error, ct);
    }

    private async Task<CreateMessageOptions> MessageOptionsAsync(TenantDbContext db, OutboundSend send, TwilioAccount account, CancellationToken ct)
    {
        var message = new CreateMessageOptions(new PhoneNumber(WhatsApp(send.To)))
        {
            Body = send.Body,
            ContentSid = send.ContentSid,
            ContentVariables = send.ContentVariables,
            StatusCallback = await StatusCallbackAsync(db, send.TenantId, ct),
        };
        if (string.IsNullOrEmpty(account.MessagingServiceSid))
        {
            message.From = new PhoneNumber(WhatsApp(account.FromNumber));
        }
        else
        {
            message.MessagingServiceSid = account.MessagingServiceSid;
        }

        return message;
    }

    private async Task<Uri?> StatusCallbackAsync(TenantDbContext db, string tenantId, CancellationToken ct)
    {
        if (options.Value.StatusCallbackUrl is not { Length: > 0 } template)
        {
            return null;
        }

        var slug = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Slug).FirstOrDefaultAsync(ct);
        return slug is null ? null : new Uri(template.Replace("{slug}", slug.ToLowerInvariant(), StringComparison.Ordinal));
    }

    private async Task FailAsync(TenantDbContext db, OutboundSend send, string error, CancellationToken ct)
    {
        error = StoredLengths.Shorten(error);
        await db.Messages.Where(m => m.Id == send.MessageId && m.TenantId == send.TenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, TwilioDeliveryStatus.Failed).SetProperty(m => m.Error, error), ct);
        Log.Failed(logger, send.TenantId, send.MessageId, error);
    }

    private static string WhatsApp(string number) =>
        number.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? number : "whatsapp:" + number;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Tenant {TenantId}: outbound message {MessageId} sent through Twilio as {MessageSid}")]
        public static partial void Sent(ILogger logger, string tenantId, long messageId, string messageSid);

        [LoggerMessage(2, LogLevel.Warning, "Tenant {TenantId}: outbound message {MessageId} not sent: {Reason}")]
        public static partial void Failed(ILogger logger, string tenantId, long messageId, string reason);
    }
}
