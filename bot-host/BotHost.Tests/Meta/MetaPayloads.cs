using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Sintestesia.BotHost.Tests.Meta;

/// <summary>WhatsApp Cloud API webhook bodies, shaped as Meta documents them.</summary>
public static class MetaPayloads
{
    /// <summary>A shopper's WhatsApp ID: digits, no plus, as Meta sends <c>from</c>.</summary>
    public static string NewWaId() => "569" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);

    public static string NewWamid() => "wamid.HBgL" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public static string Text(MetaShop shop, string waId, string body, string? wamid = null) =>
        Message(shop.PhoneNumberId, waId, wamid ?? NewWamid(), "text", new { body });

    public static string Image(MetaShop shop, string waId, string? caption = null) =>
        Message(shop.PhoneNumberId, waId, NewWamid(), "image", new { id = "1479537139650973", mime_type = "image/jpeg", sha256 = "abc", caption });

    public static string Location(MetaShop shop, string waId) =>
        Message(shop.PhoneNumberId, waId, NewWamid(), "location", new { latitude = -33.4372, longitude = -70.6506, name = "Plaza de Armas", address = "Santiago" });

    public static string Status(MetaShop shop, string wamid, string status, string waId) => Notification(shop.PhoneNumberId, new
    {
        messaging_product = "whatsapp",
        metadata = new { display_phone_number = "56223456789", phone_number_id = shop.PhoneNumberId },
        statuses = new[] { new { id = wamid, status, timestamp = "1732550000", recipient_id = waId } },
    });

    /// <summary>Meta's <c>failed</c> status for a reply, with the error it gives (code and title).</summary>
    public static string FailedStatus(MetaShop shop, string wamid, string waId, string errorTitle) => Notification(shop.PhoneNumberId, new
    {
        messaging_product = "whatsapp",
        metadata = new { display_phone_number = "56223456789", phone_number_id = shop.PhoneNumberId },
        statuses = new[]
        {
            new { id = wamid, status = "failed", timestamp = "1732550000", recipient_id = waId, errors = new[] { new { code = 131026, title = errorTitle } } },
        },
    });

    /// <summary>A text message to the number <paramref name="phoneNumberId"/>, whoever it belongs to.</summary>
    public static string TextTo(string phoneNumberId, string waId, string body) => Message(phoneNumberId, waId, NewWamid(), "text", new { body });

    private static string Message(string phoneNumberId, string waId, string wamid, string type, object content)
    {
        var message = new Dictionary<string, object>
        {
            ["from"] = waId,
            ["id"] = wamid,
            ["timestamp"] = "1732550000",
            ["type"] = type,
            [type] = content,
        };
        return Notification(phoneNumberId, new
        {
            messaging_product = "whatsapp",
            metadata = new { display_phone_number = "56223456789", phone_number_id = phoneNumberId },
            contacts = new[] { new { profile = new { name = "Ana" }, wa_id = waId } },
            messages = new[] { message },
        });
    }

    private static string Notification(string phoneNumberId, object value) => JsonSerializer.Serialize(new
    {
        @object = "whatsapp_business_account",
        entry = new[] { new { id = "WABA-" + phoneNumberId, changes = new[] { new { value, field = "messages" } } } },
    });
}
