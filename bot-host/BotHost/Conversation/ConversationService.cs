using Microsoft.EntityFrameworkCore;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Conversation;

/// <summary>A shopper's message as a channel received it.</summary>
public sealed record InboundMessage(string TenantId, string Channel, string Phone, string Text, string? ProviderMessageId);

/// <summary>The answer, and whether it was the stored answer to a message seen before.</summary>
public sealed record ConversationReply(string Text, bool Repeated);

/// <summary>
/// Answers a message and stores both sides before the reply leaves. A provider message seen before gets its
/// stored answer again and is not processed twice; the write transaction serialises concurrent copies.
/// </summary>
internal sealed partial class ConversationService(TenantDbContext db, IReplyEngine engine, TimeProvider time, ILogger<ConversationService> logger)
{
    /// <returns>Null when the tenant no longer exists.</returns>
    public async Task<ConversationReply?> HandleAsync(InboundMessage message, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (message.ProviderMessageId is { } providerId && await EarlierReplyAsync(message.TenantId, providerId, ct) is { } earlier)
        {
            Log.Repeated(logger, message.TenantId, providerId);
            return new ConversationReply(earlier, Repeated: true);
        }

        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == message.TenantId).Select(t => new { t.Name }).FirstOrDefaultAsync(ct);
        if (tenant is null)
        {
            return null;
        }

        var products = await db.Products.AsNoTracking().Where(p => p.ClientId == message.TenantId).ToListAsync(ct);
        var answer = engine.Reply(new ShopContext(message.TenantId, tenant.Name, products), message.Text);

        var now = time.GetUtcNow().UtcDateTime;
        var inbound = new StoredMessage
        {
            TenantId = message.TenantId, Direction = MessageDirection.Inbound, Channel = message.Channel, Phone = message.Phone,
            Body = message.Text, ProviderMessageId = message.ProviderMessageId, CreatedAt = now,
        };
        db.Messages.Add(inbound);
        await db.SaveChangesAsync(ct);
        db.Messages.Add(new StoredMessage
        {
            TenantId = message.TenantId, Direction = MessageDirection.Outbound, Channel = message.Channel, Phone = message.Phone,
            Body = answer, InReplyToId = inbound.Id, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Log.Answered(logger, message.TenantId, message.Channel, inbound.Id, products.Count);
        return new ConversationReply(answer, Repeated: false);
    }

    private Task<string?> EarlierReplyAsync(string tenantId, string providerId, CancellationToken ct) =>
        (from inbound in db.Messages
         where inbound.TenantId == tenantId && inbound.Direction == MessageDirection.Inbound && inbound.ProviderMessageId == providerId
         join outbound in db.Messages on inbound.Id equals outbound.InReplyToId
         select outbound.Body).FirstOrDefaultAsync(ct);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Answered tenant {TenantId} on {Channel}: message {MessageId}, catalog of {ProductCount}")]
        public static partial void Answered(ILogger logger, string tenantId, string channel, long messageId, int productCount);

        [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId}: provider message {ProviderMessageId} seen before; repeating its stored answer")]
        public static partial void Repeated(ILogger logger, string tenantId, string providerMessageId);
    }
}
