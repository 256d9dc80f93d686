using Sintestesia.BotHost.Conversation;

namespace Sintestesia.BotHost.Meta;

/// <summary>Something Meta told a tenant's number about: a shopper's message or a delivery update.</summary>
internal abstract record MetaEvent(string PhoneNumberId);

/// <summary>A file a shopper sent, as Meta names it: its media ID (fetched through the Graph API) and MIME type.</summary>
internal sealed record MetaMedia(string Id, string MimeType);

/// <summary>
/// A shopper's message: what the shopper wrote (text, a button's title, a file's caption) and what came with it.
/// A message with neither (contacts, an unsupported type) is still answered, kindly.
/// </summary>
internal sealed record MetaInbound(
    string PhoneNumberId, string From, string Wamid, string Type, string? Text, MetaMedia? Media, SharedLocation? Location) : MetaEvent(PhoneNumberId)
{
    public bool IsReadable => Text is not null || Media is not null || Location is not null;
}

/// <summary>A delivery update for a message the tenant's number sent (<c>sent</c>, <c>delivered</c>, <c>read</c>, <c>failed</c>).</summary>
internal sealed record MetaStatusUpdate(string PhoneNumberId, string Wamid, string Status, string? Error) : MetaEvent(PhoneNumberId);

/// <summary>The events of one <c>entry[].changes[]</c> item, all for the number in its <c>metadata</c>.</summary>
internal sealed record MetaChange(string PhoneNumberId, IReadOnlyList<MetaEvent> Events);

/// <summary>A webhook notification: its <c>object</c> and its changes.</summary>
internal sealed record MetaNotification(string? Object, IReadOnlyList<MetaChange> Changes)
{
    public const string WhatsAppObject = "whatsapp_business_account";

    public bool IsWhatsApp => Object == WhatsAppObject;
}
