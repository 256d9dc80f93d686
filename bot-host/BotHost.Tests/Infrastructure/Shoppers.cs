using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>Messages from shoppers, each test with its own phone number so stored rows never mix.</summary>
public static class Shoppers
{
    public static string NewPhone() =>
        "+569" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);

    public static string NewMessageSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string Json(string phone, string message) => JsonSerializer.Serialize(new { telefono = phone, mensaje = message });

    /// <summary>The form Twilio posts for an inbound WhatsApp message to acme's number.</summary>
    public static Dictionary<string, string> TwilioForm(string phone, string body, string? messageSid = null) => new(StringComparer.Ordinal)
    {
        ["From"] = $"whatsapp:{phone}",
        ["To"] = "whatsapp:+14155238886",
        ["Body"] = body,
        ["MessageSid"] = messageSid ?? NewMessageSid(),
        ["AccountSid"] = "AC3f9a1c7e2b5d4086a1f0e9c8b7d6a512",
        ["NumMedia"] = "0",
        ["ProfileName"] = "Ana",
        ["WaId"] = phone.TrimStart('+'),
    };
}
