using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sintestesia.BotHost.Engine;
using Sintestesia.TenantConfig.Data;

namespace Sintestesia.BotHost.Conversation;

/// <summary>
/// A shopper's message as a channel received it. <paramref name="Text"/> may be empty when
/// <paramref name="Attachments"/> holds files or a location; <paramref name="IdempotencyKey"/> (Twilio's
/// <c>I-Twilio-Idempotency-Token</c>) marks redeliveries just as the provider's message ID does.
/// </summary>
public sealed record InboundMessage(
    string TenantId, string Channel, string Phone, string Text, string? ProviderMessageId,
    string? IdempotencyKey = null, MessageAttachments? Attachments = null);

/// <summary>
/// The answer (null: nothing to send now — the bot stays quiet, or a repeated delivery's answer already went out
/// through the provider's API), what kind it was, whether it repeats an earlier delivery's answer, and the stored
/// outbound row.
/// </summary>
public sealed record ConversationReply(string? Text, Intent? Intent, bool Repeated, long? OutboundId = null);

/// <summary>
/// Answers a message exactly once. The inbound row is stored first and claims the provider's message ID
/// (a unique index), so a second delivery — even at the same moment — waits for the first one's stored answer
/// instead of being processed again. The answer and the conversation's new state are stored together before
/// the reply leaves.
/// </summary>
internal sealed partial class ConversationService(
    TenantDbContext db, TenantCatalogs catalogs, ReplyEngine engine, IOptions<ConversationOptions> options, TimeProvider time,
    ILogger<ConversationService> logger)
{
    /// <returns>Null when the tenant no longer exists.</returns>
    public Task<ConversationReply?> HandleAsync(InboundMessage message, CancellationToken ct) => HandleAsync(message, route: null, ct);

    /// <summary>As above; <see cref="ReplyRoute"/> decides whether the answer is stored as sent inline or as queued for the provider's API.</summary>
    /// <returns>Null when the tenant no longer exists.</returns>
    public async Task<ConversationReply?> HandleAsync(InboundMessage message, ReplyRoute? route, CancellationToken ct)
    {
        var catalog = await catalogs.GetAsync(message.TenantId, ct);
        if (catalog is null)
        {
            return null;
        }

        var inbound = await ClaimAsync(message, ct);
        if (inbound is null)
        {
            return await EarlierAnswerAsync(message, ct);
        }

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.TenantId == message.TenantId && c.Phone == message.Phone, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var idle = conversation is null || now - conversation.UpdatedAt > TimeSpan.FromMinutes(options.Value.IdleMinutes);
        var status = new ConversationStatus(conversation?.Handoff ?? false, conversation?.OptedOut ?? false,
            idle ? ConversationMemory.Empty : ConversationMemory.FromJson(conversation!.State));

        var reply = message.Text.Length == 0 && message.Attachments is { IsEmpty: false } attachments
            ? AttachmentReply(catalog, status, attachments)
            : await engine.ReplyAsync(catalog, status, message.Text, ct);

        var inline = route?.TryInline() ?? true;
        var outbound = new StoredMessage
        {
            TenantId = message.TenantId, Direction = MessageDirection.Outbound, Channel = message.Channel, Phone = message.Phone,
            Body = reply.Text ?? string.Empty, InReplyToId = inbound.Id, CreatedAt = now,
            Status = reply.Text is null ? MessageStatus.Suppressed : inline ? MessageStatus.Sent : ReplyRoute.QueuedStatus,
        };
        db.Messages.Add(outbound);
        await SaveWithStateAsync(message, conversation, reply, now, ct);
        Log.Answered(logger, message.TenantId, message.Channel, inbound.Id, reply.Intent.ToContractName());
        return new ConversationReply(reply.Text, reply.Intent, Repeated: false, outbound.Id);
    }

    /// <summary>Files or a location without text: thanked kindly, unless the bot must stay quiet (opt-out, hand-off).</summary>
    private static EngineReply AttachmentReply(ShopCatalog catalog, ConversationStatus status, MessageAttachments attachments) =>
        status.OptedOut || status.Handoff
            ? new EngineReply(null, Intent.Silent, status.Memory, status.Handoff, status.OptedOut)
            : new EngineReply(attachments.Acknowledgement(new CatalogAnswers(catalog.Shop, catalog.Index).Help()), Intent.Help,
                status.Memory, Handoff: false, OptedOut: false);

    /// <summary>
    /// Stores the answer with the conversation's new state. Two first messages of one shopper can race to create
    /// the conversation; the loser applies its state to the row the winner created.
    /// </summary>
    private async Task SaveWithStateAsync(InboundMessage message, TenantConfig.Data.Conversation? conversation, EngineReply reply, DateTime now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (conversation is null)
            {
                conversation = new TenantConfig.Data.Conversation { TenantId = message.TenantId, Phone = message.Phone };
                db.Conversations.Add(conversation);
            }

            conversation.State = reply.Memory.ToJson();
            conversation.Handoff = reply.Handoff;
            conversation.OptedOut = reply.OptedOut;
            conversation.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0 && db.Entry(conversation).State == EntityState.Added)
            {
                db.Entry(conversation).State = EntityState.Detached;
                conversation = await db.Conversations.FirstAsync(c => c.TenantId == message.TenantId && c.Phone == message.Phone, ct);
            }
        }
    }

    /// <summary>
    /// Stores the inbound message; null when another delivery of the same provider message (same message ID or same
    /// idempotency token) got there first.
    /// </summary>
    private async Task<StoredMessage?> ClaimAsync(InboundMessage message, CancellationToken ct)
    {
        if (await EarlierInboundIdAsync(message, ct) is not null)
        {
            return null;
        }

        var inbound = new StoredMessage
        {
            TenantId = message.TenantId, Direction = MessageDirection.Inbound, Channel = message.Channel, Phone = message.Phone,
            Body = message.Text.Length == 0 && message.Attachments is { IsEmpty: false } a ? a.Summary() : message.Text,
            ProviderMessageId = message.ProviderMessageId, IdempotencyKey = message.IdempotencyKey,
            Media = message.Attachments is { IsEmpty: false } attached ? attached.ToJson() : null, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Messages.Add(inbound);
        try
        {
            await db.SaveChangesAsync(ct);
            return inbound;
        }
        catch (DbUpdateException) when (message.ProviderMessageId is not null || message.IdempotencyKey is not null)
        {
            db.Entry(inbound).State = EntityState.Detached;
            // Only the earlier delivery's row makes this a redelivery. A row refused for anything else (PostgreSQL's
            // identity behind IDs inserted by hand, a constraint) is an error to surface, not a message to drop.
            if (await EarlierInboundIdAsync(message, ct) is null)
            {
                throw;
            }

            return null;
        }
    }

    private async Task<ConversationReply> EarlierAnswerAsync(InboundMessage message, CancellationToken ct)
    {
        var repeatedId = message.ProviderMessageId ?? message.IdempotencyKey!;
        Log.Repeated(logger, message.TenantId, repeatedId);
        var inboundId = await EarlierInboundIdAsync(message, ct);
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.DuplicateWaitSeconds);
        while (true)
        {
            var answer = await db.Messages.AsNoTracking()
                .Where(m => m.InReplyToId == inboundId && m.Direction == MessageDirection.Outbound)
                .Select(m => new { m.Body, m.Status, m.ProviderMessageId })
                .FirstOrDefaultAsync(ct);
            if (answer is not null)
            {
                // Only an answer that went back inline is repeated inline; one sent (or still to be sent) through the
                // provider's API must not reach the shopper twice.
                var inline = answer.Status == MessageStatus.Sent && answer.ProviderMessageId is null;
                return new ConversationReply(inline ? answer.Body : null, null, Repeated: true);
            }

            if (time.GetUtcNow() > deadline)
            {
                Log.NoEarlierAnswer(logger, message.TenantId, repeatedId);
                return new ConversationReply(null, null, Repeated: true);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
    }

    private async Task<long?> EarlierInboundIdAsync(InboundMessage message, CancellationToken ct)
    {
        var (tenantId, providerId, token) = (message.TenantId, message.ProviderMessageId, message.IdempotencyKey);
        if (providerId is null && token is null)
        {
            return null;
        }

        return await db.Messages.AsNoTracking()
            .Where(m => m.TenantId == tenantId && m.Direction == MessageDirection.Inbound
                && ((providerId != null && m.ProviderMessageId == providerId) || (token != null && m.IdempotencyKey == token)))
            .Select(m => (long?)m.Id)
            .FirstOrDefaultAsync(ct);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Answered tenant {TenantId} on {Channel}: message {MessageId}, intent {Intent}")]
        public static partial void Answered(ILogger logger, string tenantId, string channel, long messageId, string intent);

        [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId}: provider message {ProviderMessageId} delivered again; answering with the stored reply")]
        public static partial void Repeated(ILogger logger, string tenantId, string providerMessageId);

        [LoggerMessage(3, LogLevel.Warning, "Tenant {TenantId}: provider message {ProviderMessageId} delivered again, but its first delivery has no answer yet")]
        public static partial void NoEarlierAnswer(ILogger logger, string tenantId, string providerMessageId);
    }
}
