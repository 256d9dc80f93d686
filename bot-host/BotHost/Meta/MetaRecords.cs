using Microsoft.EntityFrameworkCore;
using Sintestesia.BotHost.Conversation;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Meta;

/// <summary>Delivery states of replies sent through Meta, in the order WhatsApp reports them.</summary>
internal static class MetaDeliveryStatus
{
    public const string Sent = MessageStatus.Sent;
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";

    /// <summary>The states a row may move from to <paramref name="next"/>: updates come out of order, and never go back.</summary>
    public static string[] Before(string next) => next switch
    {
        Delivered => [Sent],
        Read => [Sent, Delivered],
        Failed => [Sent, Delivered],
        _ => [],
    };
}

/// <summary>What the Meta channel adds to the rows <see cref="Conversation.ConversationService"/> stored.</summary>
internal sealed class MetaRecords(TenantDbContext db)
{
    public const string Channel = "meta";

    /// <summary>The stored body of a message the bot could not read, so the message list still says what came.</summary>
    public Task SetInboundBodyAsync(string tenantId, string wamid, string body, CancellationToken ct) =>
        db.Messages.Where(m => m.TenantId == tenantId && m.Direction == MessageDirection.Inbound && m.ProviderMessageId == wamid)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, body), ct);

    /// <summary>The reply's outcome: sent with Meta's wamid, or failed with Meta's reason; and the text that actually went out.</summary>
    public Task RecordDeliveryAsync(string tenantId, long? outboundId, string sentText, GraphSendResult result, CancellationToken ct) =>
        db.Messages
            .Where(m => m.TenantId == tenantId && m.Direction == MessageDirection.Outbound && m.Id == outboundId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Body, sentText)
                .SetProperty(m => m.Status, result.Sent ? MetaDeliveryStatus.Sent : MetaDeliveryStatus.Failed)
                .SetProperty(m => m.ProviderMessageId, result.Wamid)
                .SetProperty(m => m.Error, result.Error), ct);

    /// <returns>Whether a stored reply moved to the new state.</returns>
    public async Task<bool> ApplyStatusAsync(string tenantId, MetaStatusUpdate update, CancellationToken ct)
    {
        var before = MetaDeliveryStatus.Before(update.Status);
        if (before.Length == 0)
        {
            return false;
        }

        var error = update.Error is null ? null : StoredLengths.Shorten(update.Error);
        var changed = await db.Messages
            .Where(m => m.TenantId == tenantId && m.Direction == MessageDirection.Outbound && m.Channel == Channel
                && m.ProviderMessageId == update.Wamid && before.Contains(m.Status))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, update.Status)
                .SetProperty(m => m.Error, m => update.Status == MetaDeliveryStatus.Failed ? error : m.Error), ct);
        return changed > 0;
    }
}
