using Microsoft.EntityFrameworkCore;
using Sintestesia.BotHost.Conversation;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Twilio;

/// <summary>What one status callback said about one message.</summary>
internal sealed record TwilioStatusReport(string TenantId, string MessageSid, string Status, string ErrorCode, string ErrorMessage);

/// <summary>Applies Twilio's status callbacks to the tenant's own outbound rows, never another tenant's.</summary>
internal sealed partial class TwilioStatusUpdates(TenantDbContext db, ILogger<TwilioStatusUpdates> logger)
{
    public async Task ApplyAsync(TwilioStatusReport report, CancellationToken ct)
    {
        var status = report.Status.Trim();
        if (!TwilioDeliveryStatus.IsKnown(status))
        {
            Log.Ignored(logger, report.TenantId, report.MessageSid, $"unknown status '{Shorten(status, 40)}'");
            return;
        }

        var message = await db.Messages.FirstOrDefaultAsync(m => m.TenantId == report.TenantId && m.Direction == MessageDirection.Outbound
            && m.ProviderMessageId == report.MessageSid, ct);
        if (message is null)
        {
            Log.Ignored(logger, report.TenantId, report.MessageSid, "no outbound message of this tenant has that SID");
            return;
        }

        if (!TwilioDeliveryStatus.Advances(message.Status, status))
        {
            Log.Ignored(logger, report.TenantId, report.MessageSid, $"'{status}' arrived after '{message.Status}'");
            return;
        }

        message.Status = status;
        if (report.ErrorCode.Length > 0 || report.ErrorMessage.Length > 0)
        {
            message.Error = StoredLengths.Shorten($"Twilio error {report.ErrorCode}: {report.ErrorMessage}".Trim().TrimEnd(':'));
        }

        await db.SaveChangesAsync(ct);
        Log.Updated(logger, report.TenantId, message.Id, status);
    }

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] : text;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Tenant {TenantId}: outbound message {MessageId} is now {Status}")]
        public static partial void Updated(ILogger logger, string tenantId, long messageId, string status);

        [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId}: status callback for {MessageSid} ignored: {Reason}")]
        public static partial void Ignored(ILogger logger, string tenantId, string messageSid, string reason);
    }
}
