using System.Globalization;
using Sintestesia.BotHost.Conversation;

namespace Sintestesia.BotHost.Webhooks;

/// <summary>Reads an inbound Twilio form: text, files (<c>NumMedia</c>, <c>MediaUrl0…</c>), location and redelivery marks.</summary>
internal static class TwilioInboundForm
{
    public const string IdempotencyHeader = "I-Twilio-Idempotency-Token";

    /// <summary>WhatsApp allows 10 files a message; a form claiming more is not believed.</summary>
    private const int MaxMedia = 10;

    public static InboundMessage ToMessage(string tenantId, string phone, IFormCollection form, string? idempotencyToken)
    {
        var attachments = Attachments(form);
        var text = form["Body"].ToString().Trim();
        if (text.Length == 0 && attachments.IsEmpty)
        {
            text = "hola";
        }

        var sid = form["MessageSid"].ToString();
        var token = idempotencyToken?.Trim() is { Length: > 0 } t ? t[..Math.Min(t.Length, StoredLengths.IdempotencyKey)] : null;
        return new InboundMessage(tenantId, "twilio", phone, text, sid.Length == 0 ? null : sid, token, attachments.IsEmpty ? null : attachments);
    }

    private static MessageAttachments Attachments(IFormCollection form)
    {
        var count = int.TryParse(form["NumMedia"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, MaxMedia) : 0;
        var media = new List<MediaItem>();
        for (var i = 0; i < count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (form["MediaUrl" + index].ToString() is { Length: > 0 } url)
            {
                var type = form["MediaContentType" + index].ToString();
                media.Add(new MediaItem(url, type.Length > 0 ? type : "application/octet-stream"));
            }
        }

        var location = Coordinate(form["Latitude"], 90) is { } latitude && Coordinate(form["Longitude"], 180) is { } longitude
            ? new SharedLocation(latitude, longitude, Text(form["Address"]), Text(form["Label"]))
            : null;
        return new MessageAttachments(media, location);
    }

    private static double? Coordinate(string? value, double limit) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && Math.Abs(x) <= limit ? x : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
