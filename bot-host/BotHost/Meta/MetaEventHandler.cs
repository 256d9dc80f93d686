using Microsoft.Extensions.Options;
using Sintestesia.BotHost.Conversation;
using Sintestesia.TenantConfig.Lookup;

namespace Sintestesia.BotHost.Meta;

/// <summary>
/// Handles one accepted event: a shopper's message is answered exactly once (the conversation service claims its
/// wamid) and the answer sent through the Graph API; a delivery update moves the stored reply's status.
/// </summary>
internal sealed partial class MetaEventHandler(
    ConversationService conversation, MetaAccounts accounts, MetaRecords records, GraphApiClient graph, IOptions<MetaOptions> options,
    ILogger<MetaEventHandler> logger)
{
    private const string Unreadable = "Por ahora solo puedo leer mensajes de texto, fotos y ubicaciones.";

    public Task HandleAsync(string tenantId, MetaEvent metaEvent, CancellationToken ct) => metaEvent switch
    {
        MetaInbound inbound => AnswerAsync(tenantId, inbound, ct),
        MetaStatusUpdate status => UpdateStatusAsync(tenantId, status, ct),
        _ => Task.CompletedTask,
    };

    private async Task AnswerAsync(string tenantId, MetaInbound inbound, CancellationToken ct)
    {
        var phone = PhoneNumbers.Canonical("+" + inbound.From);
        if (phone.Length > StoredLengths.Phone || inbound.Wamid.Length > StoredLengths.ProviderMessageId)
        {
            // Not a sender or message ID WhatsApp hands out: it could not be stored, nor answered exactly once.
            Log.Dropped(logger, tenantId, inbound.Wamid, "its sender or ID is longer than the database stores");
            return;
        }

        var attachments = Attachments(inbound);
        // Every Meta answer leaves through the Graph API: stored as queued, then as sent or failed.
        var route = new ReplyRoute();
        route.TryDefer();
        var reply = await conversation.HandleAsync(
            new InboundMessage(tenantId, MetaRecords.Channel, phone, inbound.Text ?? string.Empty, inbound.Wamid, Attachments: attachments), route, ct);
        if (reply is null || reply.Repeated)
        {
            // A repeated wamid was answered (and sent) by its first delivery; it never goes out twice.
            Log.Dropped(logger, tenantId, inbound.Wamid, reply is null ? "the tenant no longer exists" : "it was delivered before and is answered once");
            return;
        }

        if (!inbound.IsReadable)
        {
            await records.SetInboundBodyAsync(tenantId, inbound.Wamid, $"[mensaje {inbound.Type} no compatible]", ct);
        }

        if (reply.Text is not { Length: > 0 } answer)
        {
            return; // Hand-off or opt-out: the bot stays quiet and Meta gets nothing to send.
        }

        answer = inbound.IsReadable ? answer : $"{Unreadable} {answer}";
        var account = await accounts.FindAsync(tenantId, inbound.PhoneNumberId, ct);
        var result = account is null
            ? new GraphSendResult(null, $"The Meta number {inbound.PhoneNumberId} is no longer an active account of this shop.")
            : await graph.SendTextAsync(tenantId, inbound.PhoneNumberId, account.AccessToken, inbound.From, answer, ct);
        await records.RecordDeliveryAsync(tenantId, reply.OutboundId, answer, result, ct);
        if (result.Sent)
        {
            Log.Sent(logger, tenantId, inbound.PhoneNumberId, inbound.Wamid, result.Wamid);
        }
    }

    private async Task UpdateStatusAsync(string tenantId, MetaStatusUpdate status, CancellationToken ct)
    {
        var moved = await records.ApplyStatusAsync(tenantId, status, ct);
        Log.Status(logger, tenantId, status.Wamid, status.Status, moved);
    }

    /// <summary>
    /// Files are stored with the Graph API address that serves their download URL (it needs the shop's token), as
    /// Meta keeps media for 30 days and never hands out a public link.
    /// </summary>
    private MessageAttachments? Attachments(MetaInbound inbound)
    {
        if (inbound.Media is null && inbound.Location is null)
        {
            return null;
        }

        var o = options.Value;
        IReadOnlyList<MediaItem> media = inbound.Media is { } m
            ? [new MediaItem($"{o.GraphBaseUrl.TrimEnd('/')}/{o.GraphVersion}/{Uri.EscapeDataString(m.Id)}", m.MimeType)]
            : [];
        return new MessageAttachments(media, inbound.Location);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Tenant {TenantId}: reply to {Wamid} sent through Meta number {PhoneNumberId} as {SentWamid}")]
        public static partial void Sent(ILogger logger, string tenantId, string phoneNumberId, string wamid, string? sentWamid);

        [LoggerMessage(2, LogLevel.Information, "Tenant {TenantId}: Meta message {Wamid} not answered: {Reason}")]
        public static partial void Dropped(ILogger logger, string tenantId, string wamid, string reason);

        [LoggerMessage(3, LogLevel.Debug, "Tenant {TenantId}: Meta status {Status} for {Wamid} (stored reply updated: {Moved})")]
        public static partial void Status(ILogger logger, string tenantId, string wamid, string status, bool moved);
    }
}
