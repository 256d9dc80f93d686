using System.Security.Cryptography;
using System.Text;

namespace Sintestesia.Gateway.Tests.Infrastructure;

/// <summary>
/// <c>X-Twilio-Signature</c> computed from Twilio's documented algorithm, independently of the product's code:
/// the full URL, then each POST parameter's name and value sorted by name, HMAC-SHA1 with the auth token, base64.
/// </summary>
internal static class TwilioSignature
{
    public static string Compute(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // SHA-1 is what Twilio signs with; the test must match it, not improve on it.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}

/// <summary>The form Twilio posts for an inbound WhatsApp message.</summary>
internal static class TwilioForm
{
    public static Dictionary<string, string> Inbound(string to, string body, string? messageSid = null) => new(StringComparer.Ordinal)
    {
        ["From"] = "whatsapp:" + GatewayCalls.Shopper,
        ["To"] = "whatsapp:" + to,
        ["Body"] = body,
        ["MessageSid"] = messageSid ?? "SM" + Guid.NewGuid().ToString("N"),
        ["AccountSid"] = "AC" + new string('0', 32),
        ["NumMedia"] = "0",
        ["ProfileName"] = "Cliente de Prueba",
        ["WaId"] = GatewayCalls.Shopper.TrimStart('+'),
    };
}
