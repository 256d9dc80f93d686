using System.Globalization;
using System.Text.Json;
using Sintestesia.BotHost.Conversation;

namespace Sintestesia.BotHost.Meta;

/// <summary>
/// Reads a WhatsApp Cloud API webhook notification. Tolerant by design: Meta adds fields and message types over
/// time, so anything unknown is skipped or treated as an unsupported attachment, never an error.
/// </summary>
internal static class MetaPayload
{
    private static readonly HashSet<string> MediaTypes = new(StringComparer.Ordinal) { "image", "audio", "video", "document", "sticker" };

    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static MetaNotification Parse(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A webhook notification is a JSON object.");
        }

        var changes = new List<MetaChange>();
        foreach (var entry in Items(root, "entry"))
        {
            foreach (var change in Items(entry, "changes"))
            {
                if (change.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object
                    && Child(value, "metadata") is { } metadata && Text(metadata, "phone_number_id") is { Length: > 0 } phoneNumberId)
                {
                    changes.Add(new MetaChange(phoneNumberId, [.. Events(value, phoneNumberId)]));
                }
            }
        }

        return new MetaNotification(Text(root, "object"), changes);
    }

    private static IEnumerable<MetaEvent> Events(JsonElement value, string phoneNumberId)
    {
        foreach (var message in Items(value, "messages"))
        {
            if (Message(message, phoneNumberId) is { } inbound)
            {
                yield return inbound;
            }
        }

        foreach (var status in Items(value, "statuses"))
        {
            if (Text(status, "id") is { Length: > 0 } wamid && Text(status, "status") is { Length: > 0 } state)
            {
                var error = Items(status, "errors").Select(e => $"{Text(e, "title") ?? Text(e, "message")} (code {Text(e, "code")})").FirstOrDefault();
                yield return new MetaStatusUpdate(phoneNumberId, wamid, state, error);
            }
        }
    }

    /// <summary>Null for messages that call for no answer (reactions, or no sender or ID).</summary>
    private static MetaInbound? Message(JsonElement message, string phoneNumberId)
    {
        var from = Text(message, "from");
        var wamid = Text(message, "id");
        var type = Text(message, "type") ?? "unknown";
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(wamid) || type == "reaction")
        {
            return null;
        }

        MetaInbound Inbound(string? text, MetaMedia? media = null, SharedLocation? location = null) =>
            new(phoneNumberId, from, wamid, type, string.IsNullOrWhiteSpace(text) ? null : text.Trim(), media, location);

        var body = Child(message, type);
        if (MediaTypes.Contains(type))
        {
            return body is { } m && Text(m, "id") is { Length: > 0 } mediaId
                ? Inbound(Text(m, "caption"), new MetaMedia(mediaId, Text(m, "mime_type") ?? "application/octet-stream"))
                : Inbound(null);
        }

        return type switch
        {
            "text" => Inbound(body is { } t ? Text(t, "body") : null),
            "button" => Inbound(body is { } b ? Text(b, "text") ?? Text(b, "payload") : null),
            // interactive.type names the object holding the choice: button_reply or list_reply, each with a title.
            "interactive" => Inbound(body is { } i && Text(i, "type") is { } kind && Child(i, kind) is { } r ? Text(r, "title") ?? Text(r, "description") : null),
            "location" => Inbound(null, location: body is { } l && Number(l, "latitude") is { } lat && Number(l, "longitude") is { } lon
                ? new SharedLocation(lat, lon, Blank(Text(l, "address")), Blank(Text(l, "name")))
                : null),
            _ => Inbound(null),
        };
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static JsonElement? Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    /// <summary>A string property, or a number's text (Meta sends some IDs and codes either way).</summary>
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p)
            ? p.ValueKind switch
            {
                JsonValueKind.String => p.GetString(),
                JsonValueKind.Number => p.GetRawText(),
                _ => null,
            }
            : null;

    private static double? Number(JsonElement element, string name) =>
        double.TryParse(Text(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
