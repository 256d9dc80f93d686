using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Sintestesia.BotHost.Tests.Infrastructure;

/// <summary>
/// Twilio's documented request signature, computed here without the product's Twilio library: the full URL,
/// then each POST parameter's name and value sorted by name, HMAC-SHA1 keyed with the auth token, in base64.
/// </summary>
public static class TwilioSignature
{
    [SuppressMessage("Security", "CA5350", Justification = "HMAC-SHA1 is what Twilio signs with; the test must match it.")]
    public static string Compute(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
